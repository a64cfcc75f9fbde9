# syntax=docker/dockerfile:1
# offhours: build with the dev dependencies, run on a slim current-LTS Node with only the
# runtime ones. Config is mounted read-only at /config; passwords come from the environment
# (the config names them as ${IMAP_PASS}, ${SMTP_PASS}).

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    OFFHOURS_HTTP_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The example config and its JSON schemas, to copy from: docker cp or `cat` them out.
COPY config ./config
# The image's own unprivileged user (uid 1000); nothing in /app is writable by it.
USER node
EXPOSE 9464
# Slim images have no curl; node is there. Needs http.port in the config set to
# OFFHOURS_HTTP_PORT (e.g. http: { port: '${OFFHOURS_HTTP_PORT}', host: 0.0.0.0,
# token: '${OFFHOURS_HTTP_TOKEN}' }: off loopback the status page needs a token).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "require('node:http').get('http://127.0.0.1:' + process.env.OFFHOURS_HTTP_PORT + '/healthz', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=2", "--max-old-space-size=192", "dist/cli/main.js", "run", "--config", "/config/offhours.yaml"]

import * as z from 'zod';

function unwrapSchema(schema: z.ZodType): z.ZodType[] {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodNullable
  ) {
    return unwrapSchema(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrapSchema);
  return [schema];
}

function stepInto(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  return unwrapSchema(schema).flatMap((inner) => {
    if (inner instanceof z.ZodObject && typeof segment === 'string') {
      const child = (inner.shape as Record<string, z.ZodType | undefined>)[segment];
      return child === undefined ? [] : [child];
    }
    if (inner instanceof z.ZodArray && typeof segment === 'number')
      return [inner.element as z.ZodType];
    if (inner instanceof z.ZodRecord) return [inner.valueType as z.ZodType];
    return [];
  });
}

/** The keys a mapping at `path` may have under `schema`, for "did you mean" hints. */
export function listKnownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const targets = path.reduce<z.ZodType[]>(
    (schemas, segment) => schemas.flatMap((inner) => stepInto(inner, segment)),
    [schema],
  );
  const keys = targets
    .flatMap(unwrapSchema)
    .flatMap((inner) => (inner instanceof z.ZodObject ? Object.keys(inner.shape) : []));
  return [...new Set(keys)];
}

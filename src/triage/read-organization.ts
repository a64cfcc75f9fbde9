/**
 * The last two labels of a domain, a rough organisation: em123.shop.example and
 * shop.example count as one, and ESP domains (amazonses.com, sendgrid.net) as another.
 */
export function readOrganization(domain: string): string {
  return domain.toLowerCase().split('.').filter(Boolean).slice(-2).join('.');
}

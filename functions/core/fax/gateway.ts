/** The address the fax gateway faxes to `number` from: `{number}` replaced by its digits (`96824…`). */
export function faxGatewayAddress(template: string, number: string): string {
  return template.replace('{number}', number.replace(/\D/g, ''));
}

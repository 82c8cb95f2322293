import * as z from 'zod/mini';
import type { VehicleRecords } from '#core/ports.ts';
import { PERMIT_KINDS, type PermitKind, type Plate, type VehicleLookup } from '#core/vehicles/vehicle.ts';

/**
 * What the municipality's vehicle system answers to `GET {baseUrl}/vehicles/{number}/{code}` (the code
 * URL-encoded, Arabic letters as the citizen wrote them, hamza folded): 200 with this body, or 404.
 */
const vehicleBody = z.object({
  outstandingFines: z.object({
    count: z.number().check(z.int(), z.nonnegative()),
    totalBaisa: z.number().check(z.int(), z.nonnegative()),
  }),
  permits: z.array(
    z.object({ kind: z.string(), validUntil: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  ),
});

const isPermitKind = (kind: string): kind is PermitKind => Object.hasOwn(PERMIT_KINDS, kind);

/**
 * The HTTP connector to the municipality's vehicle records. It never throws: a slow, failing or
 * garbled answer is `unavailable`, and the citizen gets the bilingual "try later" reply.
 */
export class HttpVehicleRecords implements VehicleRecords {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly onFailure: (reason: string) => void = () => {},
  ) {}

  async lookup(plate: Plate): Promise<VehicleLookup> {
    const url = `${this.baseUrl.replace(/\/+$/, '')}/vehicles/${encodeURIComponent(plate.number)}/${encodeURIComponent(plate.code)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      this.onFailure((error as Error).name);
      return { kind: 'unavailable', plate };
    }
    if (response.status === 404) return { kind: 'not_found', plate };
    if (!response.ok) {
      this.onFailure(`HTTP ${response.status}`);
      return { kind: 'unavailable', plate };
    }
    const parsed = vehicleBody.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      this.onFailure('unexpected body');
      return { kind: 'unavailable', plate };
    }
    const permits = parsed.data.permits.filter((p): p is { kind: PermitKind; validUntil: string } =>
      isPermitKind(p.kind),
    );
    return { kind: 'found', record: { plate, outstandingFines: parsed.data.outstandingFines, permits } };
  }
}

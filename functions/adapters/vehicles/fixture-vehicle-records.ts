import type { VehicleRecords } from '#core/ports.ts';
import type { Plate, VehicleLookup, VehicleRecord } from '#core/vehicles/vehicle.ts';

/**
 * Made-up vehicles for local mode and tests: plates shaped like Omani ones, with invented fines and
 * permits. None of it is real data; a deployed stage uses the HTTP connector or answers "unavailable".
 */
export const FIXTURE_VEHICLES: readonly VehicleRecord[] = [
  {
    plate: { number: '12345', code: 'اب' },
    outstandingFines: { count: 2, totalBaisa: 15_000 },
    permits: [{ kind: 'food_truck', validUntil: '2027-01-31' }],
  },
  {
    plate: { number: '4821', code: 'ر' },
    outstandingFines: { count: 0, totalBaisa: 0 },
    permits: [],
  },
  {
    plate: { number: '777', code: 'AR' },
    outstandingFines: { count: 1, totalBaisa: 50_000 },
    permits: [
      { kind: 'water_tanker', validUntil: '2026-12-15' },
      { kind: 'advertising', validUntil: '2027-06-30' },
    ],
  },
];

/** Answers from FIXTURE_VEHICLES; plate `99999 ص` stands for a system that does not answer. */
export class FixtureVehicleRecords implements VehicleRecords {
  async lookup(plate: Plate): Promise<VehicleLookup> {
    if (plate.number === '99999' && plate.code === 'ص') return { kind: 'unavailable', plate };
    const record = FIXTURE_VEHICLES.find(
      (v) => v.plate.number === plate.number && v.plate.code === plate.code,
    );
    return record ? { kind: 'found', record: structuredClone(record) } : { kind: 'not_found', plate };
  }
}

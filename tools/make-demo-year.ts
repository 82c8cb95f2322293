/**
 * Builds local mode's demo year (local/demo/year-2026.csv.gz) from Boston's 311 requests of 2015
 * (../shared/data/boston311-2015-sample: MIT-licensed extraction of the City of Boston's open data,
 * ODC-PDDL; see its PROVENANCE.md). Each request keeps its time of day and its day of the week moved onto
 * Muscat's (2015 and 2026 both start on a Thursday; one day earlier puts Boston's weekend on Friday–Saturday),
 * its type mapped to one of our categories, its neighbourhood to a wilayat, its source to a channel; the
 * text is the category's name in the row's language. Run once: `npx tsx tools/make-demo-year.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SEED_CATALOGUE } from '../functions/core/catalogue/seed.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { DEMO_YEAR_FILE, type ReplayRow, toCsv } from '../local/demo/demo-year.ts';
import { csvFields } from '../local/replay/replay-file.ts';

const SOURCE = path.join(
  PROJECT_ROOT,
  '..',
  'shared',
  'data',
  'boston311-2015-sample',
  'boston311_2015_sample_20k.csv',
);

const CATEGORY_OF: Record<string, string> = {
  'Street Light Outages': 'street_light_out',
  'General Lighting Request': 'street_light_out',
  'Pothole Repair (Internal)': 'pothole',
  'Sidewalk Repair (Make Safe)': 'road_damage',
  'Sidewalk Repair': 'road_damage',
  'Sign Repair': 'road_damage',
  'Missing Sign': 'road_damage',
  'Traffic Signal Repair': 'road_damage',
  'Pavement Marking Maintenance': 'road_damage',
  'Schedule a Bulk Item Pickup SS': 'waste_collection',
  'CE Collection': 'waste_collection',
  'Request for Recycling Cart': 'waste_collection',
  'Empty Litter Basket': 'overflowing_bins',
  'Improper Storage of Trash (Barrels)': 'illegal_dumping',
  'Building Inspection Request': 'building_violation',
  'Unsatisfactory Living Conditions': 'building_violation',
  'Unsafe Dangerous Conditions': 'building_violation',
  'Contractor Complaints': 'building_violation',
  'Tree Maintenance Requests': 'parks_trees',
  'New Tree Requests': 'parks_trees',
  'Tree Emergencies': 'parks_trees',
  'Ground Maintenance': 'parks_trees',
  'Animal Generic Request': 'stray_animals',
  'Pick up Dead Animal': 'stray_animals',
  'Rodent Activity': 'pest_control',
  'Abandoned Vehicles': 'abandoned_vehicle',
  'General Comments For a Program or Policy': 'suggestion',
};

/** The busiest neighbourhoods onto the most populous wilayats. */
const WILAYAT_OF: Record<string, string> = {
  Dorchester: 'as_seeb',
  Roxbury: 'bawshar',
  'Allston / Brighton': 'as_seeb',
  'Jamaica Plain': 'bawshar',
  'Downtown / Financial District': 'muscat',
  'East Boston': 'muttrah',
  'South Boston / South Boston Waterfront': 'muttrah',
  'West Roxbury': 'al_amarat',
  'Back Bay': 'muscat',
  'South End': 'muttrah',
  'Greater Mattapan': 'al_amarat',
  Roslindale: 'al_amarat',
  'Hyde Park': 'qurayyat',
  'Beacon Hill': 'muscat',
  Charlestown: 'qurayyat',
};

const CHANNEL_OF: Record<string, ReplayRow['channel']> = {
  'Constituent Call': 'voice',
  'Citizens Connect App': 'app',
  'Self Service': 'web',
  Twitter: 'web',
};

const SHIFT_MS = Date.parse('2026-01-01T00:00:00Z') - Date.parse('2015-01-01T00:00:00Z') - 86_400_000;
const MUSCAT_OFFSET_MS = 4 * 3_600_000;

/** `01/20/2015 07:15:42 AM`, read as Muscat local time, moved to 2026, as UTC ISO. */
function moved(dt: string): string | undefined {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM)$/.exec(dt);
  if (!m) return undefined;
  const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  const local = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6]));
  return new Date(local + SHIFT_MS - MUSCAT_OFFSET_MS).toISOString();
}

/** One line of the source CSV (quoted fields may hold commas): the same reader the replay uses. */
const parseCsvLine = (line: string): string[] => csvFields(line) ?? [];

const [header, ...lines] = readFileSync(SOURCE, 'utf8').split(/\r?\n/);
const columns = parseCsvLine(header ?? '');
const col = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
const rows: ReplayRow[] = [];
let n = 0;
for (const line of lines) {
  if (!line) continue;
  const row = parseCsvLine(line);
  const createdAt = moved(col(row, 'OPEN_DT'));
  if (!createdAt?.startsWith('2026')) continue;
  const categoryCode = CATEGORY_OF[col(row, 'TYPE')] ?? 'general_inquiry';
  const category = SEED_CATALOGUE.categories.find((c) => c.code === categoryCode);
  // Four in five reports in Arabic, the rest in English, the same rows every time.
  const language = n++ % 5 === 4 ? 'en' : 'ar';
  const resolvedAt = moved(col(row, 'CLOSED_DT'));
  rows.push({
    createdAt,
    categoryCode,
    wilayatCode: WILAYAT_OF[col(row, 'neighborhood')] ?? 'bawshar',
    channel: CHANNEL_OF[col(row, 'Source')] ?? 'voice',
    language,
    text: category?.name[language] ?? categoryCode,
    ...(resolvedAt && resolvedAt > createdAt ? { resolvedAt } : {}),
  });
}
rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
writeFileSync(DEMO_YEAR_FILE, gzipSync(toCsv(rows), { level: 9 }));
console.log(`${rows.length} rows → ${path.relative(PROJECT_ROOT, DEMO_YEAR_FILE)}`);

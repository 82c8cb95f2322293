import type { Catalogue, Category } from '../catalogue/types.ts';
import type { Bilingual } from '../errors.ts';
import { Open311Error } from './errors.ts';
import { parseDateTime, parseNumber } from './params.ts';
import type { Open311Value } from './xml.ts';

export type Open311Language = 'ar' | 'en';

/** The six datatypes of GeoReport v2 service definitions. */
export type AttributeDatatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'text'
  | 'singlevaluelist'
  | 'multivaluelist';

export type ServiceAttribute = {
  code: string;
  /** false: an instruction shown to the citizen, nothing to fill in. */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  description: Bilingual;
  datatypeDescription?: Bilingual;
  values?: readonly { key: string; name: Bilingual }[];
};

const SIZE_VALUES = [
  { key: 'small', name: { ar: 'صغيرة (أقل من 30 سم)', en: 'Small (under 30 cm)' } },
  { key: 'medium', name: { ar: 'متوسطة (30 سم إلى متر)', en: 'Medium (30 cm to 1 m)' } },
  { key: 'large', name: { ar: 'كبيرة (أكثر من متر)', en: 'Large (over 1 m)' } },
] as const;

/**
 * The extra questions some services ask (GeoReport v2 service definitions), by category code. Their
 * answers are added to the case's description, labelled, so agents and the classifier read them.
 */
export const SERVICE_ATTRIBUTES: Readonly<Record<string, readonly ServiceAttribute[]>> = {
  pothole: [
    {
      code: 'size',
      variable: true,
      datatype: 'singlevaluelist',
      required: true,
      description: { ar: 'ما حجم الحفرة تقريباً؟', en: 'About how large is the pothole?' },
      values: SIZE_VALUES,
    },
    {
      code: 'lane_blocked',
      variable: true,
      datatype: 'singlevaluelist',
      required: false,
      description: { ar: 'هل تعيق الحفرة حركة السير؟', en: 'Does it block a traffic lane?' },
      values: [
        { key: 'yes', name: { ar: 'نعم', en: 'Yes' } },
        { key: 'no', name: { ar: 'لا', en: 'No' } },
      ],
    },
  ],
  street_light_out: [
    {
      code: 'pole_number',
      variable: true,
      datatype: 'string',
      required: false,
      description: { ar: 'رقم عمود الإنارة إن وُجد', en: 'The pole’s number, if it has one' },
      datatypeDescription: { ar: 'الرقم المكتوب على العمود', en: 'The number painted on the pole' },
    },
    {
      code: 'lights_out',
      variable: true,
      datatype: 'number',
      required: false,
      description: { ar: 'كم عدد المصابيح المطفأة؟', en: 'How many lights are out?' },
    },
  ],
  stray_animals: [
    {
      code: 'animals',
      variable: true,
      datatype: 'multivaluelist',
      required: true,
      description: { ar: 'ما الحيوانات؟', en: 'Which animals?' },
      values: [
        { key: 'dogs', name: { ar: 'كلاب', en: 'Dogs' } },
        { key: 'cats', name: { ar: 'قطط', en: 'Cats' } },
        { key: 'camels', name: { ar: 'جمال', en: 'Camels' } },
        { key: 'goats', name: { ar: 'أغنام أو ماعز', en: 'Sheep or goats' } },
        { key: 'dead', name: { ar: 'حيوان نافق', en: 'A dead animal' } },
      ],
    },
    {
      code: 'seen_at',
      variable: true,
      datatype: 'datetime',
      required: false,
      description: { ar: 'متى شوهدت؟', en: 'When were they seen?' },
    },
  ],
  wadi_flooding: [
    {
      code: 'danger_notice',
      variable: false,
      datatype: 'text',
      required: false,
      description: {
        ar: 'إذا كانت حياة أحد في خطر فاتصل بالرقم 9999 فوراً.',
        en: 'If anyone’s life is in danger, call 9999 now.',
      },
    },
  ],
};

const attributesOf = (category: Category) => SERVICE_ATTRIBUTES[category.code] ?? [];

/** The services offered through GeoReport v2: every category, under its `open311Code`. */
export function findService(catalogue: Catalogue, serviceCode: string): Category | undefined {
  return catalogue.categories.find((c) => c.open311Code === serviceCode);
}

/** GET services: every category as a `service`, in the caller's language. */
export function serviceList(catalogue: Catalogue, lang: Open311Language): Open311Value[] {
  return catalogue.categories.map((c) => {
    const department = catalogue.departments.find((d) => d.code === c.departmentCode);
    return {
      service_code: c.open311Code,
      service_name: c.name[lang],
      description: c.name[lang],
      metadata: attributesOf(c).length > 0,
      type: 'realtime',
      keywords: c.keywords[lang].join(','),
      group: department?.name[lang] ?? c.departmentCode,
    };
  });
}

/** GET services/{code}: the definition of a service's attributes. */
export function serviceDefinition(category: Category, lang: Open311Language): Open311Value {
  return {
    service_code: category.open311Code,
    attributes: attributesOf(category).map((a, i) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription?.[lang] ?? null,
      order: i + 1,
      description: a.description[lang],
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name[lang] })) } : {}),
    })),
  };
}

const invalidAttribute = (code: string, ar: string, en: string) =>
  new Open311Error(400, { ar: `attribute[${code}]: ${ar}`, en: `attribute[${code}]: ${en}` });

/**
 * Checks the attributes a POST gave against the service's definition (required ones present, list keys
 * known, numbers and datetimes well formed; unknown codes ignored) and returns them as labelled lines
 * for the case's description, in Arabic then English.
 */
export function readAttributes(category: Category, given: ReadonlyMap<string, readonly string[]>): string[] {
  const lines: string[] = [];
  for (const a of attributesOf(category)) {
    if (!a.variable) continue;
    const values = given.get(a.code) ?? [];
    if (values.length === 0) {
      if (a.required) throw invalidAttribute(a.code, 'مطلوب.', 'is required.');
      continue;
    }
    if (a.datatype !== 'multivaluelist' && values.length > 1) {
      throw invalidAttribute(a.code, 'يقبل قيمة واحدة فقط.', 'takes one value.');
    }
    let shown: string[];
    if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
      shown = values.map((key) => {
        const value = a.values?.find((v) => v.key === key);
        if (!value) {
          throw invalidAttribute(
            a.code,
            `القيمة "${key}" غير معروفة.`,
            `the value "${key}" is not one of its keys.`,
          );
        }
        return `${value.name.ar} / ${value.name.en}`;
      });
    } else if (a.datatype === 'number') {
      shown = [String(parseNumber(`attribute[${a.code}]`, values[0] as string, -1e9, 1e9))];
    } else if (a.datatype === 'datetime') {
      shown = [parseDateTime(`attribute[${a.code}]`, values[0] as string).toISOString()];
    } else {
      shown = [(values[0] as string).slice(0, 500)];
    }
    lines.push(`${a.description.ar} / ${a.description.en}: ${shown.join('، ')}`);
  }
  return lines;
}

/**
 * Seed catalogue for Muscat Municipality. Department and category names, the category → department mapping and
 * SLAs are our own proposal (no official bilingual list was available): review them with the municipality.
 * Wilayat centres are approximate main-town locations (public fact). No boundaries are shipped: the only
 * polygons we found are GADM-derived, which may not be used commercially.
 */
import type { Priority } from '../case/case.ts';
import type {
  Catalogue,
  Category,
  Department,
  RoutingRule,
  ServiceArea,
  SlaMinutes,
  Wilayat,
} from './types.ts';

export const DEPARTMENTS: readonly Department[] = [
  {
    code: 'cleanliness',
    name: { ar: 'إدارة النظافة العامة', en: 'Public Cleanliness' },
    tier3Queue: 'cleanliness-field',
  },
  {
    code: 'roads',
    name: { ar: 'إدارة الطرق والإنارة', en: 'Roads and Street Lighting' },
    tier3Queue: 'roads-field',
  },
  {
    code: 'drainage',
    name: { ar: 'إدارة الصرف الصحي وتصريف مياه الأمطار', en: 'Sewerage and Stormwater Drainage' },
    tier3Queue: 'drainage-field',
  },
  {
    code: 'health',
    name: { ar: 'إدارة الرقابة الصحية والغذائية', en: 'Health and Food Control' },
    tier3Queue: 'health-inspectors',
  },
  {
    code: 'veterinary',
    name: { ar: 'إدارة الخدمات البيطرية', en: 'Veterinary Services' },
    tier3Queue: 'vet-field',
  },
  {
    code: 'building',
    name: { ar: 'إدارة رخص البناء والرقابة الهندسية', en: 'Building Permits and Engineering Inspection' },
    tier3Queue: 'building-inspectors',
  },
  {
    code: 'parks',
    name: { ar: 'إدارة الحدائق والتجميل', en: 'Parks and Beautification' },
    tier3Queue: 'parks-field',
  },
  {
    code: 'enforcement',
    name: { ar: 'إدارة الضبط والتفتيش البلدي', en: 'Municipal Inspection and Enforcement' },
    tier3Queue: 'enforcement-patrol',
  },
  { code: 'customer_service', name: { ar: 'إدارة خدمة المراجعين', en: 'Customer Service' } },
  {
    code: 'qurayyat_office',
    name: { ar: 'دائرة بلدية قريات', en: 'Qurayyat Municipal Office' },
    tier3Queue: 'qurayyat-field',
  },
];

/** Business-minute deadlines by priority (see SlaMinutes); a working day is counted as 7 hours (420 minutes). */
const SLA_BY_PRIORITY: Record<Priority, SlaMinutes> = {
  urgent: { tier1: 15, tier2: 120, tier3: 420 },
  high: { tier1: 30, tier2: 420, tier3: 1260 },
  normal: { tier1: 60, tier2: 1260, tier3: 2100 },
  low: { tier1: 120, tier2: 2100, tier3: 4200 },
};

type CategoryDraft = Omit<Category, 'slaMinutes'>;

/** Categories take the SLA of their priority, so the two cannot drift apart. */
const withSla = (draft: CategoryDraft): Category => ({
  ...draft,
  slaMinutes: SLA_BY_PRIORITY[draft.priority],
});

const CATEGORY_DRAFTS: readonly CategoryDraft[] = [
  {
    code: 'waste_collection',
    name: { ar: 'تأخر جمع النفايات', en: 'Missed waste collection' },
    caseType: 'complaint',
    departmentCode: 'cleanliness',
    priority: 'normal',
    open311Code: 'CLN-101',
    keywords: {
      ar: ['نفايات', 'قمامة', 'زبالة', 'جمع النفايات', 'سيارة القمامة', 'عمال النظافة', 'لم تجمع'],
      en: ['garbage', 'trash', 'rubbish', 'missed collection', 'garbage truck', 'collection day'],
    },
  },
  {
    code: 'overflowing_bins',
    name: { ar: 'امتلاء حاويات النفايات أو تلفها', en: 'Overflowing or damaged bins' },
    caseType: 'complaint',
    departmentCode: 'cleanliness',
    priority: 'normal',
    open311Code: 'CLN-102',
    keywords: {
      ar: ['حاوية', 'حاويات', 'ممتلئة', 'طافحة', 'حاوية مكسورة', 'برميل القمامة'],
      en: ['bin', 'dumpster', 'overflowing', 'skip', 'container', 'broken bin'],
    },
  },
  {
    code: 'illegal_dumping',
    name: { ar: 'رمي المخلفات في أماكن غير مخصصة', en: 'Illegal dumping' },
    caseType: 'report',
    departmentCode: 'cleanliness',
    priority: 'normal',
    open311Code: 'CLN-103',
    keywords: {
      ar: ['رمي مخلفات', 'مخلفات بناء', 'أنقاض', 'ردم', 'أثاث قديم', 'رمي عشوائي', 'أرض فضاء'],
      en: ['illegal dumping', 'dumped', 'debris', 'rubble', 'fly tipping', 'construction waste', 'empty lot'],
    },
  },
  {
    code: 'pothole',
    name: { ar: 'حفرة في الطريق', en: 'Pothole' },
    caseType: 'report',
    departmentCode: 'roads',
    priority: 'high',
    open311Code: 'RDS-201',
    keywords: {
      ar: ['حفرة', 'حفر', 'حفرة في الشارع', 'جورة', 'حفرة عميقة'],
      en: ['pothole', 'hole in the road', 'crater', 'pot hole'],
    },
  },
  {
    code: 'road_damage',
    name: { ar: 'تلف الطرق والأرصفة', en: 'Damaged road, pavement or kerb' },
    caseType: 'report',
    departmentCode: 'roads',
    priority: 'normal',
    open311Code: 'RDS-202',
    keywords: {
      ar: ['رصيف', 'أرصفة', 'تشققات', 'هبوط', 'مطب', 'الإسفلت', 'لوحة إرشادية', 'حاجز'],
      en: [
        'sidewalk',
        'pavement',
        'kerb',
        'curb',
        'speed bump',
        'asphalt',
        'cracked',
        'road sign',
        'guardrail',
      ],
    },
  },
  {
    code: 'street_light_out',
    name: { ar: 'عطل إنارة الشوارع', en: 'Street light out' },
    caseType: 'report',
    departmentCode: 'roads',
    priority: 'normal',
    open311Code: 'RDS-203',
    keywords: {
      ar: ['إنارة', 'أعمدة الإنارة', 'عمود إنارة', 'مصباح', 'الشارع مظلم', 'لمبة'],
      en: ['street light', 'streetlight', 'lamp post', 'light out', 'dark street', 'bulb'],
    },
  },
  {
    code: 'sewage_water_leak',
    name: { ar: 'تسرب مياه أو طفح صرف صحي', en: 'Water leak or sewage overflow' },
    caseType: 'report',
    departmentCode: 'drainage',
    priority: 'high',
    open311Code: 'DRN-301',
    keywords: {
      ar: ['صرف صحي', 'مجاري', 'طفح', 'غرفة تفتيش', 'منهول', 'تسرب مياه', 'بيارة', 'انكسار أنبوب'],
      en: ['sewage', 'sewer', 'manhole', 'water leak', 'burst pipe', 'leaking pipe', 'septic'],
    },
  },
  {
    code: 'stray_animals',
    name: { ar: 'الحيوانات السائبة أو النافقة', en: 'Stray or dead animals' },
    caseType: 'report',
    departmentCode: 'veterinary',
    priority: 'normal',
    open311Code: 'VET-401',
    keywords: {
      ar: ['كلاب ضالة', 'كلاب سائبة', 'قطط', 'جمال سائبة', 'أغنام', 'حيوان نافق', 'مواشي'],
      en: ['stray dog', 'stray cats', 'dead animal', 'camel', 'goats', 'livestock', 'carcass'],
    },
  },
  {
    code: 'pest_control',
    name: { ar: 'مكافحة الحشرات والقوارض', en: 'Pest control' },
    caseType: 'report',
    departmentCode: 'health',
    priority: 'normal',
    open311Code: 'HLT-501',
    keywords: {
      ar: ['حشرات', 'بعوض', 'ذباب', 'صراصير', 'فئران', 'جرذان', 'قوارض', 'رش مبيدات'],
      en: ['pest', 'mosquitoes', 'flies', 'cockroaches', 'rats', 'mice', 'rodents', 'fumigation'],
    },
  },
  {
    code: 'food_hygiene',
    name: { ar: 'شكوى صحية على منشأة غذائية', en: 'Food hygiene complaint' },
    caseType: 'complaint',
    departmentCode: 'health',
    priority: 'high',
    open311Code: 'HLT-502',
    keywords: {
      ar: ['مطعم', 'تسمم', 'طعام فاسد', 'منتهي الصلاحية', 'مقهى', 'مخبز', 'بقالة', 'مطبخ'],
      en: ['restaurant', 'food poisoning', 'expired food', 'unhygienic', 'kitchen', 'cafeteria', 'bakery'],
    },
  },
  {
    code: 'food_licence_inquiry',
    name: { ar: 'الاستفسار عن تراخيص المنشآت الغذائية', en: 'Food business licence inquiry' },
    caseType: 'inquiry',
    departmentCode: 'health',
    priority: 'low',
    open311Code: 'HLT-503',
    keywords: {
      ar: ['ترخيص مطعم', 'رخصة صحية', 'تجديد الرخصة', 'بطاقة صحية', 'اشتراطات', 'فتح مقهى', 'ترخيص'],
      en: ['licence', 'license', 'health card', 'renew', 'requirements', 'open a cafe', 'food truck'],
    },
  },
  {
    code: 'building_violation',
    name: { ar: 'مخالفات البناء', en: 'Building violation' },
    caseType: 'report',
    departmentCode: 'building',
    priority: 'normal',
    open311Code: 'BLD-601',
    keywords: {
      ar: ['بناء بدون ترخيص', 'مخالفة بناء', 'تعدي', 'ملحق', 'توسعة', 'بناء عشوائي', 'سور'],
      en: ['illegal construction', 'without permit', 'building violation', 'encroachment', 'extension'],
    },
  },
  {
    code: 'building_permit_inquiry',
    name: { ar: 'الاستفسار عن رخص البناء', en: 'Building permit inquiry' },
    caseType: 'inquiry',
    departmentCode: 'building',
    priority: 'low',
    open311Code: 'BLD-602',
    keywords: {
      ar: ['رخصة بناء', 'إباحة بناء', 'مخططات', 'شهادة إتمام', 'ترخيص بناء', 'اعتماد المخطط'],
      en: [
        'building permit',
        'construction permit',
        'drawings',
        'completion certificate',
        'plot',
        'architect',
      ],
    },
  },
  {
    code: 'noise',
    name: { ar: 'الإزعاج والضوضاء', en: 'Noise' },
    caseType: 'complaint',
    departmentCode: 'enforcement',
    priority: 'normal',
    open311Code: 'ENF-701',
    keywords: {
      ar: ['إزعاج', 'ضوضاء', 'أصوات عالية', 'مكبرات الصوت', 'حفلة', 'سماعات', 'ضجيج', 'طق'],
      en: ['noise', 'loud music', 'party', 'loudspeaker', 'banging', 'noisy', 'generator'],
    },
  },
  {
    code: 'abandoned_vehicle',
    name: { ar: 'المركبات المهملة', en: 'Abandoned vehicle' },
    caseType: 'report',
    departmentCode: 'enforcement',
    priority: 'low',
    open311Code: 'ENF-702',
    keywords: {
      ar: ['سيارة مهملة', 'سيارة متروكة', 'مركبة مهجورة', 'الغبار', 'خردة', 'إطارات'],
      en: ['abandoned car', 'abandoned vehicle', 'flat tyres', 'junk car', 'wreck', 'dust'],
    },
  },
  {
    code: 'parks_trees',
    name: { ar: 'الحدائق والأشجار', en: 'Parks and trees' },
    caseType: 'report',
    departmentCode: 'parks',
    priority: 'low',
    open311Code: 'PRK-801',
    keywords: {
      ar: ['حديقة', 'حدائق', 'أشجار', 'شجرة', 'ألعاب الأطفال', 'عشب', 'ري', 'نخيل', 'تقليم'],
      en: ['park', 'tree', 'playground', 'grass', 'irrigation', 'pruning', 'garden', 'branch'],
    },
  },
  {
    code: 'beach_cleanliness',
    name: { ar: 'نظافة الشواطئ', en: 'Beach cleanliness' },
    caseType: 'complaint',
    departmentCode: 'cleanliness',
    priority: 'normal',
    open311Code: 'CLN-104',
    keywords: {
      ar: ['شاطئ', 'شواطئ', 'البحر', 'كورنيش', 'رمال', 'مخلفات الشاطئ'],
      en: ['beach', 'shore', 'corniche', 'sand', 'seafront', 'beach litter'],
    },
  },
  {
    code: 'wadi_flooding',
    name: { ar: 'تجمع مياه الأمطار وجريان الأودية', en: 'Rain flooding and wadi flow' },
    caseType: 'report',
    departmentCode: 'drainage',
    priority: 'urgent',
    open311Code: 'DRN-302',
    keywords: {
      ar: ['أمطار', 'مياه الأمطار', 'وادي', 'سيول', 'تجمع المياه', 'غرق', 'مستنقع', 'فيضان'],
      en: ['flood', 'flooding', 'rainwater', 'wadi', 'standing water', 'storm drain', 'rain'],
    },
  },
  {
    code: 'public_toilets',
    name: { ar: 'دورات المياه العامة', en: 'Public toilets' },
    caseType: 'complaint',
    departmentCode: 'cleanliness',
    priority: 'normal',
    open311Code: 'CLN-105',
    keywords: {
      ar: ['دورة مياه', 'دورات المياه', 'حمامات عامة', 'مراحيض', 'دورات المياه العامة'],
      en: ['toilet', 'restroom', 'washroom', 'public bathroom', 'lavatory'],
    },
  },
  {
    code: 'souq_hygiene',
    name: { ar: 'نظافة الأسواق', en: 'Market (souq) hygiene' },
    caseType: 'complaint',
    departmentCode: 'health',
    priority: 'normal',
    open311Code: 'HLT-504',
    keywords: {
      ar: ['سوق', 'سوق السمك', 'سوق الخضار', 'الباعة', 'بسطات', 'سوق مطرح', 'سوق الموالح'],
      en: ['souq', 'souk', 'market', 'fish market', 'vegetable market', 'vendors', 'stalls'],
    },
  },
  {
    code: 'suggestion',
    name: { ar: 'اقتراح', en: 'Suggestion' },
    caseType: 'suggestion',
    departmentCode: 'customer_service',
    priority: 'low',
    open311Code: 'CS-901',
    keywords: {
      ar: ['أقترح', 'اقتراح', 'مقترح', 'أتمنى', 'ياليت', 'فكرة', 'لو توفرون'],
      en: ['suggest', 'suggestion', 'idea', 'would be great', 'propose', 'recommend'],
    },
  },
  {
    code: 'compliment',
    name: { ar: 'شكر وإشادة', en: 'Compliment' },
    caseType: 'compliment',
    departmentCode: 'customer_service',
    priority: 'low',
    open311Code: 'CS-902',
    keywords: {
      ar: ['شكرا', 'شكر', 'أشكر', 'إشادة', 'ممتاز', 'جزاكم الله خيرا', 'يعطيكم العافية', 'تعامل راقي'],
      en: ['thank you', 'thanks', 'great job', 'appreciate', 'excellent service', 'well done'],
    },
  },
  {
    code: 'general_inquiry',
    name: { ar: 'استفسار عام', en: 'General inquiry' },
    caseType: 'inquiry',
    departmentCode: 'customer_service',
    priority: 'low',
    open311Code: 'CS-903',
    keywords: {
      ar: ['استفسار', 'أوقات الدوام', 'رقم التواصل', 'أين يقع', 'مواعيد', 'رسوم', 'الخدمات الإلكترونية'],
      en: ['question', 'opening hours', 'how do i', 'contact number', 'fees', 'office', 'website'],
    },
  },
  {
    code: 'case_status',
    name: { ar: 'الاستعلام عن حالة بلاغ', en: 'Case status request' },
    caseType: 'information_request',
    departmentCode: 'customer_service',
    priority: 'low',
    open311Code: 'CS-904',
    keywords: {
      ar: ['رقم البلاغ', 'حالة البلاغ', 'متابعة', 'رقم الطلب', 'تحديث', 'بلاغي'],
      en: ['status', 'reference number', 'follow up', 'update on my complaint', 'case number', 'ticket'],
    },
  },
];

export const CATEGORIES: readonly Category[] = CATEGORY_DRAFTS.map(withSla);

/** The six wilayats of Muscat Governorate; centres are approximate main-town locations. */
export const WILAYATS: readonly Wilayat[] = [
  { code: 'muscat', name: { ar: 'مسقط', en: 'Muscat' }, centre: { lat: 23.6139, lng: 58.5922 } },
  { code: 'muttrah', name: { ar: 'مطرح', en: 'Muttrah' }, centre: { lat: 23.6167, lng: 58.565 } },
  { code: 'bawshar', name: { ar: 'بوشر', en: 'Bawshar' }, centre: { lat: 23.577, lng: 58.399 } },
  { code: 'as_seeb', name: { ar: 'السيب', en: 'As Seeb' }, centre: { lat: 23.67, lng: 58.189 } },
  { code: 'al_amarat', name: { ar: 'العامرات', en: 'Al Amarat' }, centre: { lat: 23.52, lng: 58.5 } },
  { code: 'qurayyat', name: { ar: 'قريات', en: 'Qurayyat' }, centre: { lat: 23.265, lng: 58.919 } },
];

/** Qurayyat is far from the city's field depots, so its own office handles its coast and wadis. */
export const ROUTING_RULES: readonly RoutingRule[] = [
  { categoryCode: 'beach_cleanliness', wilayatCode: 'qurayyat', departmentCode: 'qurayyat_office' },
  { categoryCode: 'wadi_flooding', wilayatCode: 'qurayyat', departmentCode: 'qurayyat_office' },
  { categoryCode: 'illegal_dumping', wilayatCode: 'qurayyat', departmentCode: 'qurayyat_office' },
];

/**
 * Muscat Governorate's extent with a small margin (about 22.8–23.85°N, 58.1–59.25°E), and the farthest a
 * point may lie from a wilayat centre (Qurayyat's southern edge is about 60 km from its town).
 */
export const MUSCAT_SERVICE_AREA: ServiceArea = {
  bbox: { minLat: 22.75, maxLat: 23.9, minLng: 58.0, maxLng: 59.3 },
  maxDistanceKm: 70,
};

export const SEED_CATALOGUE: Catalogue = {
  departments: DEPARTMENTS,
  categories: CATEGORIES,
  wilayats: WILAYATS,
  routingRules: ROUTING_RULES,
  serviceArea: MUSCAT_SERVICE_AREA,
};

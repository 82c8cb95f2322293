/**
 * A small gazetteer of Muscat Governorate: districts and landmarks citizens name, in Arabic and English,
 * with other spellings as keywords. Compiled by hand for this project from general public knowledge
 * (names and approximate positions, ±300 m: enough to centre the map, the citizen then places the pin).
 * Not derived from the GADM boundaries in /work/shared/data/oman-admin, whose licence forbids commercial
 * redistribution (see PROVENANCE.md next to this file).
 */
import type { SearchableCategory } from '../../../../functions/core/catalogue/category-search.ts';

export type Place = SearchableCategory & {
  kind: 'district' | 'landmark' | 'wilayat';
  lat: number;
  lng: number;
};

const place = (
  code: string,
  kind: Place['kind'],
  ar: string,
  en: string,
  lat: number,
  lng: number,
  alt: { ar?: string[]; en?: string[] } = {},
): Place => ({ code, kind, name: { ar, en }, lat, lng, keywords: { ar: alt.ar ?? [], en: alt.en ?? [] } });

export const MUSCAT_PLACES: readonly Place[] = [
  // Wilayats (their main towns).
  place('w-muscat', 'wilayat', 'مسقط', 'Muscat', 23.6139, 58.5922, { en: ['Old Muscat'] }),
  place('w-muttrah', 'wilayat', 'مطرح', 'Muttrah', 23.6167, 58.565, { en: ['Matrah', 'Mutrah'] }),
  place('w-bawshar', 'wilayat', 'بوشر', 'Bawshar', 23.577, 58.399, { en: ['Bausher', 'Bousher'] }),
  place('w-seeb', 'wilayat', 'السيب', 'As Seeb', 23.67, 58.189, { en: ['Seeb', 'Al Seeb', 'A Seeb'] }),
  place('w-amerat', 'wilayat', 'العامرات', 'Al Amarat', 23.52, 58.5, { en: ['Amerat', 'Al Amerat'] }),
  place('w-qurayyat', 'wilayat', 'قريات', 'Qurayyat', 23.265, 58.919, { en: ['Quriyat', 'Quriat'] }),
  // Districts.
  place('d-khuwair', 'district', 'الخوير', 'Al Khuwair', 23.595, 58.42, { en: ['Khuwair', 'Khuwayr'] }),
  place('d-qurum', 'district', 'القرم', 'Qurum', 23.612, 58.478, { en: ['Al Qurum', 'Shatti Al Qurum'] }),
  place('d-ruwi', 'district', 'روي', 'Ruwi', 23.596, 58.546, { en: ['Ruwi CBD'] }),
  place('d-ghubrah', 'district', 'الغبرة', 'Al Ghubrah', 23.592, 58.395, { en: ['Ghubra', 'Ghobra'] }),
  place('d-azaiba', 'district', 'العذيبة', 'Al Azaiba', 23.586, 58.37, { en: ['Azaiba', 'Athaiba'] }),
  place('d-ansab', 'district', 'الأنصب', 'Al Ansab', 23.545, 58.37, { en: ['Ansab'] }),
  place('d-ghala', 'district', 'غلا', 'Ghala', 23.565, 58.378),
  place('d-msq', 'district', 'مدينة السلطان قابوس', 'Madinat Sultan Qaboos', 23.6, 58.445, {
    en: ['MSQ', 'Madinat Qaboos'],
  }),
  place('d-wattayah', 'district', 'الوطية', 'Al Wattayah', 23.597, 58.49, { en: ['Wattaya', 'Watayah'] }),
  place('d-darsait', 'district', 'دارسيت', 'Darsait', 23.607, 58.553),
  place('d-wadi-kabir', 'district', 'الوادي الكبير', 'Wadi Al Kabir', 23.585, 58.57, { en: ['Wadi Kabir'] }),
  place('d-hamriya', 'district', 'الحمرية', 'Al Hamriya', 23.607, 58.56, { en: ['Hamriyah'] }),
  place('d-sidab', 'district', 'سداب', 'Sidab', 23.603, 58.611),
  place('d-bustan', 'district', 'البستان', 'Al Bustan', 23.578, 58.608, { en: ['Bustan'] }),
  place('d-yiti', 'district', 'يتي', 'Yiti', 23.52, 58.68, { en: ['Yitti'] }),
  place('d-mawaleh', 'district', 'الموالح', 'Al Mawaleh', 23.615, 58.24, { en: ['Mawaleh', 'Mawalih'] }),
  place('d-khoud', 'district', 'الخوض', 'Al Khoud', 23.585, 58.17, { en: ['Khoudh', 'Al Khod'] }),
  place('d-hail', 'district', 'الحيل', 'Al Hail', 23.66, 58.26, { en: ['Hail', 'Al Hayl'] }),
  place('d-mabelah', 'district', 'المعبيلة', 'Al Maabilah', 23.645, 58.12, { en: ['Mabela', 'Maabela'] }),
  place('d-seeb-souq', 'district', 'سوق السيب', 'Seeb Souq', 23.68, 58.186),
  place('d-amerat-town', 'district', 'العامرات المدينة', 'Al Amarat town', 23.52, 58.49),
  // Landmarks.
  place(
    'l-grand-mosque',
    'landmark',
    'جامع السلطان قابوس الأكبر',
    'Sultan Qaboos Grand Mosque',
    23.5838,
    58.3882,
    {
      ar: ['الجامع الأكبر'],
      en: ['Grand Mosque'],
    },
  ),
  place('l-opera', 'landmark', 'دار الأوبرا السلطانية', 'Royal Opera House Muscat', 23.6128, 58.467, {
    en: ['Opera House'],
  }),
  place('l-airport', 'landmark', 'مطار مسقط الدولي', 'Muscat International Airport', 23.5933, 58.2844, {
    ar: ['المطار'],
    en: ['Airport', 'MCT'],
  }),
  place('l-muttrah-souq', 'landmark', 'سوق مطرح', 'Muttrah Souq', 23.6167, 58.5636, { en: ['Mutrah Souk'] }),
  place('l-corniche', 'landmark', 'كورنيش مطرح', 'Muttrah Corniche', 23.6215, 58.5685, { en: ['Corniche'] }),
  place('l-alam-palace', 'landmark', 'قصر العلم', 'Al Alam Palace', 23.6139, 58.5956, {
    en: ['Alam Palace'],
  }),
  place('l-national-museum', 'landmark', 'المتحف الوطني', 'National Museum', 23.6136, 58.5925),
  place('l-qurum-beach', 'landmark', 'شاطئ القرم', 'Qurum Beach', 23.6235, 58.4755),
  place('l-qurum-park', 'landmark', 'حديقة القرم الطبيعية', 'Qurum Natural Park', 23.614, 58.483, {
    en: ['Qurum Park'],
  }),
  place('l-riyam-park', 'landmark', 'حديقة ريام', 'Riyam Park', 23.619, 58.58),
  place('l-squ', 'landmark', 'جامعة السلطان قابوس', 'Sultan Qaboos University', 23.588, 58.171, {
    en: ['SQU'],
  }),
  place('l-royal-hospital', 'landmark', 'المستشفى السلطاني', 'Royal Hospital', 23.585, 58.43),
  place('l-burj-sahwa', 'landmark', 'دوار برج الصحوة', 'Burj Al Sahwa roundabout', 23.5786, 58.3989, {
    ar: ['دوار البرج', 'برج الصحوة'],
    en: ['Sahwa Tower', 'Burj roundabout'],
  }),
  place('l-avenues', 'landmark', 'عمان أفنيوز مول', 'Oman Avenues Mall', 23.594, 58.404, { en: ['Avenues'] }),
  place('l-city-centre', 'landmark', 'مسقط سيتي سنتر', 'City Centre Muscat', 23.607, 58.25, {
    en: ['City Center'],
  }),
  place(
    'l-occ',
    'landmark',
    'مركز عمان للمؤتمرات والمعارض',
    'Oman Convention and Exhibition Centre',
    23.604,
    58.27,
    {
      en: ['OCEC'],
    },
  ),
  place('l-bimmah', 'landmark', 'حوية بمة', 'Bimmah Sinkhole', 23.0365, 59.0708, { ar: ['حفرة بمة'] }),
];

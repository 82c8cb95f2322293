/**
 * Seed procedures for the common services of an Omani municipality (Muscat Municipality as the model).
 *
 * EXAMPLES TO BE CONFIRMED BY THE MUNICIPALITY: the texts are our own drafts, and every fee, processing time,
 * document list and condition below is a plausible example, not an official figure. Each procedure must be
 * checked with its department before go-live, then again by its `reviewBy` date (see overdueForReview).
 *
 * Writing rules: Modern Standard Arabic as Omani municipalities write it; fees in Omani rials ("ر.ع." /
 * "OMR"); summaries at most 160 characters (Arabic at most 134, two SMS segments) and readable aloud; the
 * Arabic and English lists match item for item.
 */
import type { Procedure } from './types.ts';

export const PROCEDURES: readonly Procedure[] = [
  {
    code: 'residential_building_permit',
    categoryCodes: ['building_permit_inquiry'],
    title: { ar: 'رخصة بناء مسكن خاص', en: 'Building permit for a private residence' },
    summary: {
      ar: 'رخصة لازمة قبل بناء مسكن أو توسعته، يقدمها مكتب استشاري هندسي معتمد مع سند الملكية والمخططات، وتصدر خلال 10 أيام عمل تقريباً.',
      en: 'Needed before building or extending a home. A licensed engineering consultant applies with the title deed and drawings. Issued in about 10 working days.',
    },
    requirements: {
      ar: [
        'أن تكون الأرض مسجلة باسم مقدم الطلب، أو أن يفوضه مالكها',
        'أن يكون استعمال الأرض سكنياً وفق المخطط المعتمد',
        'أن يعد المخططات ويقدمها مكتب استشاري هندسي مسجل لدى البلدية',
        'الالتزام باشتراطات الارتدادات والارتفاعات ونسبة البناء',
      ],
      en: [
        'The plot is registered to the applicant, or its owner has authorised the applicant',
        'The plot is zoned residential in the approved plan',
        'The drawings are prepared and submitted by an engineering consultant registered with the municipality',
        'The design respects the setback, height and plot-coverage rules',
      ],
    },
    documents: {
      ar: [
        'نسخة من البطاقة الشخصية للمالك',
        'سند ملكية الأرض',
        'الكروكي (مخطط الموقع)',
        'المخططات المعمارية والإنشائية والصحية والكهربائية',
        'تفويض رسمي إذا قدم الطلب غير المالك',
      ],
      en: [
        'Copy of the owner’s ID card',
        'Land title deed',
        'Site sketch (krooki)',
        'Architectural, structural, plumbing and electrical drawings',
        'Official authorisation if someone other than the owner applies',
      ],
    },
    fees: {
      ar: 'نحو 50 ر.ع. لمراجعة المخططات، إضافة إلى رسم يحسب حسب مساحة البناء',
      en: 'About OMR 50 for the plan review, plus a fee based on the built-up area',
    },
    steps: {
      ar: [
        'تعيين مكتب استشاري هندسي معتمد لإعداد المخططات',
        'يقدم المكتب الطلب والمخططات إلكترونياً عبر بوابة البلدية',
        'تراجع إدارة رخص البناء المخططات، ويعالج المكتب الملاحظات إن وجدت',
        'سداد الرسوم',
        'استلام الرخصة إلكترونياً وتثبيت لوحة المشروع في الموقع قبل بدء العمل',
      ],
      en: [
        'Appoint a licensed engineering consultant to prepare the drawings',
        'The consultant submits the application and drawings through the municipality portal',
        'The Building Permits department reviews the drawings; the consultant addresses any comments',
        'Pay the fees',
        'Receive the permit online and put up the project board on site before work starts',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية عن طريق المكتب الاستشاري، أو مركز خدمة المراجعين في الولاية',
      en: 'The municipality e-services portal, through your consultant, or the customer service centre of your wilayat',
    },
    expectedTime: {
      ar: '10 أيام عمل تقريباً بعد اكتمال المخططات',
      en: 'About 10 working days once the drawings are complete',
    },
    reviewBy: '2027-06-30',
    lastReviewed: '2026-07-01',
    keywords: {
      ar: ['ترخيص بناء', 'إباحة بناء', 'بناء منزل', 'بناء بيت', 'فيلا', 'توسعة', 'ملحق', 'مخططات'],
      en: ['construction permit', 'build a house', 'home', 'villa', 'extension', 'annex', 'drawings'],
    },
  },
  {
    code: 'shop_licence_renewal',
    categoryCodes: ['general_inquiry'],
    title: { ar: 'تجديد الترخيص البلدي للمحل التجاري', en: 'Renewal of a shop’s municipal licence' },
    summary: {
      ar: 'جدد الترخيص البلدي لمحلك قبل انتهائه لتجنب الغرامة، إلكترونياً بعد التأكد من سريان السجل التجاري وعقد الإيجار.',
      en: "Renew your shop's municipal licence before it expires to avoid a fine. Apply online once your commercial registration and lease are valid.",
    },
    requirements: {
      ar: [
        'أن يكون السجل التجاري سارياً',
        'أن يكون عقد إيجار المحل مسجلاً لدى البلدية وسارياً',
        'سداد أي غرامات أو مخالفات سابقة على المحل',
        'ألا يتغير النشاط أو الموقع، وإلا لزم ترخيص جديد',
      ],
      en: [
        'A valid commercial registration',
        'A lease for the premises, registered with the municipality and in force',
        'Any earlier fines or violations on the shop are paid',
        'The same activity and location; a change needs a new licence',
      ],
    },
    documents: {
      ar: [
        'رقم السجل التجاري',
        'عقد الإيجار المسجل',
        'شهادة الدفاع المدني إذا اشترطها النشاط',
        'البطاقات الصحية للعاملين في الأنشطة الغذائية',
      ],
      en: [
        'Commercial registration number',
        'Registered lease',
        'Civil defence certificate where the activity requires it',
        'Workers’ health cards for food businesses',
      ],
    },
    fees: {
      ar: 'حسب النشاط ومساحة المحل، مثلاً 20 ر.ع. سنوياً لمحل صغير، مع غرامة عند التأخير',
      en: 'Depends on the activity and floor area, e.g. OMR 20 a year for a small shop; a fine applies if late',
    },
    steps: {
      ar: [
        'الدخول إلى بوابة البلدية بالبطاقة الشخصية أو الشهادة الرقمية',
        'اختيار خدمة تجديد الترخيص البلدي وإدخال رقم الترخيص',
        'مراجعة البيانات وإرفاق المستندات المطلوبة',
        'سداد الرسوم إلكترونياً',
        'طباعة الترخيص المجدد وتعليقه في مكان ظاهر بالمحل',
      ],
      en: [
        'Log in to the municipality portal with your ID card or digital certificate',
        'Choose the municipal licence renewal service and enter the licence number',
        'Check the details and attach the required documents',
        'Pay the fees online',
        'Print the renewed licence and display it where customers can see it',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية، أو مراكز خدمة المراجعين',
      en: 'The municipality e-services portal, or a customer service centre',
    },
    expectedTime: {
      ar: 'فوري عند اكتمال البيانات، وحتى 3 أيام عمل إذا لزمت زيارة تفتيشية',
      en: 'Immediate when everything is in order; up to 3 working days if an inspection is needed',
    },
    reviewBy: '2027-01-31',
    lastReviewed: '2026-02-01',
    keywords: {
      ar: ['رخصة محل', 'رخصة تجارية', 'رخصة بلدية', 'تجديد الرخصة', 'محل تجاري', 'دكان', 'سجل تجاري'],
      en: ['shop licence', 'trade licence', 'business licence', 'renew', 'store', 'shop license'],
    },
  },
  {
    code: 'food_handler_health_card',
    categoryCodes: ['food_licence_inquiry'],
    title: { ar: 'البطاقة الصحية للعاملين في المنشآت الغذائية', en: 'Health card for food handlers' },
    summary: {
      ar: 'بطاقة إلزامية لكل من يحضر الأغذية أو يقدمها أو يبيعها، تصدر بعد فحص طبي في مركز معتمد وتجدد سنوياً.',
      en: 'Required for everyone who prepares, serves or sells food. Issued after a medical check at an approved centre and renewed every year.',
    },
    requirements: {
      ar: [
        'اجتياز الفحص الطبي في مركز صحي معتمد',
        'بطاقة إقامة سارية للعامل الوافد',
        'أن يكون العامل مسجلاً على منشأة غذائية مرخصة',
      ],
      en: [
        'Pass the medical check at an approved health centre',
        'A valid residence card for expatriate workers',
        'The worker is registered to a licensed food establishment',
      ],
    },
    documents: {
      ar: [
        'البطاقة الشخصية أو بطاقة الإقامة',
        'صورة شخصية حديثة',
        'نتيجة الفحص الطبي',
        'رقم الترخيص البلدي للمنشأة',
      ],
      en: [
        'ID card or residence card',
        'A recent passport-size photo',
        'The medical check result',
        'The establishment’s municipal licence number',
      ],
    },
    fees: {
      ar: '5 ر.ع. للبطاقة، إضافة إلى رسوم الفحص الطبي',
      en: 'OMR 5 for the card, plus the medical check fee',
    },
    steps: {
      ar: [
        'يسجل صاحب المنشأة طلب البطاقة للعامل عبر بوابة البلدية',
        'يجري العامل الفحص الطبي في المركز المعتمد',
        'ترسل نتيجة الفحص إلى البلدية إلكترونياً',
        'سداد الرسوم',
        'تصدر البطاقة، ويحملها العامل أثناء العمل',
      ],
      en: [
        'The employer registers the card request for the worker on the municipality portal',
        'The worker has the medical check at the approved centre',
        'The result is sent to the municipality electronically',
        'Pay the fees',
        'The card is issued; the worker carries it at work',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية، والفحص في مركز طبي معتمد',
      en: 'The municipality e-services portal; the medical check at an approved centre',
    },
    expectedTime: {
      ar: 'من 3 إلى 5 أيام عمل بعد صدور نتيجة الفحص',
      en: '3 to 5 working days after the medical result',
    },
    reviewBy: '2027-03-31',
    lastReviewed: '2026-04-01',
    keywords: {
      ar: ['بطاقة صحية', 'كرت صحي', 'شهادة صحية', 'فحص طبي', 'عامل مطعم', 'عمال'],
      en: ['health certificate', 'medical test', 'medical check', 'food worker', 'worker card'],
    },
  },
  {
    code: 'food_establishment_licence',
    categoryCodes: ['food_licence_inquiry'],
    title: { ar: 'ترخيص منشأة غذائية', en: 'Food establishment licence' },
    summary: {
      ar: 'لفتح مطعم أو مقهى أو مخبز أو محل أغذية: يعتمد مخطط الموقع الصحي، ثم يفتشه مراقب البلدية قبل إصدار الترخيص.',
      en: 'To open a restaurant, cafe, bakery or food shop: get the layout approved, then pass a municipal health inspection before the licence is issued.',
    },
    requirements: {
      ar: [
        'سجل تجاري يتضمن النشاط الغذائي',
        'موقع مناسب للنشاط بعقد إيجار مسجل',
        'تجهيز الموقع وفق الاشتراطات الصحية: أرضيات وجدران قابلة للغسل، وتهوية، ومغاسل، وتبريد كاف',
        'بطاقات صحية سارية لجميع العاملين',
      ],
      en: [
        'A commercial registration that includes the food activity',
        'Suitable premises with a registered lease',
        'Premises fitted to the health rules: washable floors and walls, ventilation, hand basins, enough cold storage',
        'Valid health cards for all workers',
      ],
    },
    documents: {
      ar: [
        'رقم السجل التجاري',
        'عقد الإيجار المسجل',
        'مخطط توزيع المطبخ والمعدات',
        'شهادة الدفاع المدني',
        'البطاقات الصحية للعاملين',
      ],
      en: [
        'Commercial registration number',
        'Registered lease',
        'Layout of the kitchen and equipment',
        'Civil defence certificate',
        'Workers’ health cards',
      ],
    },
    fees: {
      ar: 'من 30 ر.ع. سنوياً، حسب النشاط والمساحة',
      en: 'From OMR 30 a year, depending on the activity and floor area',
    },
    steps: {
      ar: [
        'تقديم طلب الترخيص عبر بوابة البلدية مع مخطط الموقع',
        'تراجع إدارة الرقابة الصحية والغذائية المخطط',
        'تجهيز الموقع وفق الملاحظات',
        'زيارة تفتيشية من مراقب صحي',
        'سداد الرسوم واستلام الترخيص',
      ],
      en: [
        'Apply on the municipality portal with the premises layout',
        'The Health and Food Control department reviews the layout',
        'Fit out the premises as required',
        'A health inspector visits the premises',
        'Pay the fees and receive the licence',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية، أو مراكز خدمة المراجعين',
      en: 'The municipality e-services portal, or a customer service centre',
    },
    expectedTime: {
      ar: 'من 7 إلى 14 يوم عمل، حسب موعد الزيارة التفتيشية',
      en: '7 to 14 working days, depending on the inspection date',
    },
    reviewBy: '2027-03-31',
    lastReviewed: '2026-04-01',
    keywords: {
      ar: ['رخصة مطعم', 'ترخيص مطعم', 'فتح مقهى', 'كافتيريا', 'مطبخ', 'اشتراطات صحية', 'عربة طعام'],
      en: [
        'restaurant licence',
        'restaurant license',
        'open a cafe',
        'cafeteria',
        'food truck',
        'food business',
      ],
    },
  },
  {
    code: 'road_excavation_permit',
    categoryCodes: ['road_damage', 'general_inquiry'],
    title: { ar: 'تصريح حفر في الطريق العام', en: 'Excavation permit for a public road' },
    summary: {
      ar: 'مطلوب قبل أي حفر في طريق أو رصيف لتمديد المياه أو الكهرباء أو الاتصالات، مع تأمين الموقع وإعادة الرصف بعد العمل.',
      en: 'Required before digging in a road or pavement to lay water, power or telecom lines. Keep the site safe and reinstate the surface afterwards.',
    },
    requirements: {
      ar: [
        'أن يقدم الطلب مقاول مسجل أو الجهة الخدمية المعنية',
        'موافقة الجهات المالكة للخدمات الموجودة في مسار الحفر',
        'خطة لتحويل حركة المرور وتأمين الموقع باللوحات والحواجز',
        'التعهد بإعادة الطريق إلى حالته خلال المدة المحددة',
      ],
      en: [
        'The applicant is a registered contractor or the utility company concerned',
        'Approval from the owners of the utilities along the route',
        'A traffic diversion plan, with signs and barriers to keep the site safe',
        'An undertaking to restore the road within the set period',
      ],
    },
    documents: {
      ar: [
        'مخطط مسار الحفر وأبعاده',
        'موافقات الجهات الخدمية (المياه، الكهرباء، الاتصالات)',
        'خطة السلامة وتحويل المرور',
        'نسخة من السجل التجاري للمقاول',
      ],
      en: [
        'Plan of the excavation route and its dimensions',
        'Approvals from the utilities (water, electricity, telecoms)',
        'Safety and traffic diversion plan',
        'Copy of the contractor’s commercial registration',
      ],
    },
    fees: {
      ar: 'حسب طول الحفر، مثلاً 2 ر.ع. للمتر الطولي، مع ضمان مالي يسترد بعد إعادة الرصف',
      en: 'By length, e.g. OMR 2 per metre, plus a deposit refunded after the surface is reinstated',
    },
    steps: {
      ar: [
        'تقديم الطلب إلكترونياً مع المخطط والموافقات',
        'تراجع إدارة الطرق المسار وخطة السلامة',
        'سداد الرسوم والضمان المالي',
        'تنفيذ الحفر خلال المدة المصرح بها وإبلاغ البلدية عند الانتهاء',
        'معاينة إعادة الرصف واسترداد الضمان',
      ],
      en: [
        'Apply online with the plan and approvals',
        'The Roads department reviews the route and the safety plan',
        'Pay the fees and the deposit',
        'Dig within the permitted period and tell the municipality when done',
        'The reinstatement is inspected and the deposit refunded',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية (إدارة الطرق والإنارة)',
      en: 'The municipality e-services portal (Roads and Street Lighting)',
    },
    expectedTime: { ar: 'من 5 إلى 10 أيام عمل', en: '5 to 10 working days' },
    reviewBy: '2027-05-31',
    lastReviewed: '2026-06-01',
    keywords: {
      ar: ['حفر', 'حفريات', 'حفر في الشارع', 'تمديد كيبل', 'تمديد أنابيب', 'قطع طريق'],
      en: ['dig', 'digging', 'road cutting', 'trench', 'cable laying', 'utility works'],
    },
  },
  {
    code: 'waste_container_request',
    categoryCodes: ['overflowing_bins', 'waste_collection'],
    title: { ar: 'طلب حاوية نفايات', en: 'Request for a waste container' },
    summary: {
      ar: 'اطلب حاوية نفايات جديدة أو إضافية، أو استبدال حاوية تالفة لمنزلك أو حيك. الخدمة مجانية للمساكن.',
      en: 'Ask for a new or extra waste container, or a replacement for a damaged one, for your home or neighbourhood. Free for homes.',
    },
    requirements: {
      ar: [
        'أن يكون الموقع ضمن نطاق خدمة جمع النفايات',
        'موقع مناسب للحاوية لا يعيق المركبات أو المشاة',
        'على المنشآت التجارية والمشاريع التعاقد على حاوية خاصة',
      ],
      en: [
        'The address is within the waste collection service area',
        'A suitable spot for the container that does not block vehicles or pedestrians',
        'Businesses and building sites must contract a private container',
      ],
    },
    documents: {
      ar: [
        'رقم الهاتف',
        'موقع المنزل على الخريطة أو رقم المنزل والسكة',
        'صورة الحاوية التالفة عند طلب الاستبدال',
      ],
      en: [
        'Phone number',
        'Home location on the map, or house and way number',
        'Photo of the damaged container when asking for a replacement',
      ],
    },
    fees: {
      ar: 'مجاناً للمساكن، وحسب الحجم للحاويات التجارية',
      en: 'Free for homes; commercial containers are charged by size',
    },
    steps: {
      ar: [
        'قدم الطلب بالاتصال بمركز الاتصال أو برسالة نصية أو عبر البوابة مع تحديد الموقع',
        'تعاين إدارة النظافة العامة الموقع عند الحاجة',
        'توصيل الحاوية وإشعارك برسالة نصية',
      ],
      en: [
        'Ask by calling the contact centre, by text message or on the portal, giving the location',
        'Public Cleanliness inspects the spot if needed',
        'The container is delivered and you are told by text message',
      ],
    },
    whereToApply: {
      ar: 'مركز الاتصال بالبلدية، أو بوابة الخدمات الإلكترونية',
      en: 'The municipality contact centre, or the e-services portal',
    },
    expectedTime: { ar: 'من 3 إلى 7 أيام عمل', en: '3 to 7 working days' },
    reviewBy: '2027-09-30',
    lastReviewed: '2026-10-01',
    keywords: {
      ar: ['حاوية', 'حاويات', 'برميل قمامة', 'صندوق نفايات', 'حاوية جديدة', 'استبدال حاوية', 'زبالة'],
      en: ['bin', 'wheelie bin', 'dumpster', 'skip', 'garbage bin', 'trash can', 'new bin'],
    },
  },
  {
    code: 'abandoned_vehicle_reclaim',
    categoryCodes: ['abandoned_vehicle'],
    title: {
      ar: 'الإبلاغ عن مركبة مهملة واستردادها',
      en: 'Reporting an abandoned vehicle and reclaiming it',
    },
    summary: {
      ar: 'أبلغ عن مركبة متروكة في مكان عام، فتنذر البلدية مالكها ثم تسحبها إلى الحجز، ويستردها المالك بعد سداد الرسوم.',
      en: 'Report a vehicle left in a public place. It gets a warning notice, then is towed if not moved; the owner reclaims it after paying the fees.',
    },
    requirements: {
      ar: [
        'للإبلاغ: موقع المركبة ووصفها ورقم لوحتها إن وجد',
        'للاسترداد: أن يكون المسترد مالك المركبة أو مفوضاً منه',
        'سداد رسوم السحب والحجز وأي مخالفات',
      ],
      en: [
        'To report: the vehicle’s location, a description and its plate number if any',
        'To reclaim: you are the owner or authorised by the owner',
        'Towing and storage fees and any fines are paid',
      ],
    },
    documents: {
      ar: [
        'البطاقة الشخصية للمالك',
        'ملكية المركبة',
        'تفويض رسمي إذا استردها غير المالك',
        'إيصال سداد الرسوم',
      ],
      en: [
        'Owner’s ID card',
        'Vehicle registration card (mulkiya)',
        'Official authorisation if someone other than the owner reclaims it',
        'Receipt for the fees',
      ],
    },
    fees: {
      ar: 'الإبلاغ مجاني. الاسترداد: نحو 50 ر.ع. للسحب و1 ر.ع. عن كل يوم حجز',
      en: 'Reporting is free. Reclaiming: about OMR 50 for towing and OMR 1 per day in the pound',
    },
    steps: {
      ar: [
        'أبلغ بالاتصال أو برسالة نصية مع الموقع وصورة إن أمكن',
        'يلصق مراقب البلدية إنذاراً على المركبة بمهلة لإزالتها، مثلاً 7 أيام',
        'إن لم تزل المركبة في المهلة تسحب إلى ساحة الحجز',
        'يراجع المالك مركز خدمة المراجعين بالمستندات ويسدد الرسوم',
        'يستلم المالك المركبة من ساحة الحجز بإذن الإفراج',
      ],
      en: [
        'Report it by phone or text message with the location and, if you can, a photo',
        'A municipal inspector puts a warning notice on the vehicle with a deadline, e.g. 7 days',
        'If it is not moved by then, it is towed to the pound',
        'The owner brings the documents to a customer service centre and pays the fees',
        'The owner collects the vehicle from the pound with the release note',
      ],
    },
    whereToApply: {
      ar: 'للإبلاغ: مركز الاتصال بالبلدية. للاسترداد: مركز خدمة المراجعين ثم ساحة الحجز',
      en: 'To report: the municipality contact centre. To reclaim: a customer service centre, then the pound',
    },
    expectedTime: {
      ar: 'الإنذار خلال 3 أيام عمل من البلاغ، والإفراج في يوم المراجعة نفسه',
      en: 'Warning notice within 3 working days of the report; release on the day you apply',
    },
    reviewBy: '2027-08-31',
    lastReviewed: '2026-09-01',
    keywords: {
      ar: [
        'سيارة مهملة',
        'سيارة متروكة',
        'مركبة مهجورة',
        'سحب السيارة',
        'سيارة مسحوبة',
        'استرداد السيارة',
        'حجز',
      ],
      en: ['abandoned car', 'car', 'towed', 'tow', 'impound', 'pound', 'reclaim my car', 'junk car'],
    },
  },
  {
    code: 'advertising_signboard_permit',
    categoryCodes: ['general_inquiry'],
    title: { ar: 'تصريح اللوحات الإعلانية', en: 'Advertising signboard permit' },
    summary: {
      ar: 'مطلوب لتركيب لوحة اسم المحل أو لوحة إعلانية على واجهة مبنى أو بجانب الطريق، مع تصميم اللوحة ومقاساتها وموقعها.',
      en: 'Required to put up a shop sign or an advertising board on a building front or by a road. Send the design, size and location.',
    },
    requirements: {
      ar: [
        'ترخيص بلدي ساري للمحل عند طلب لوحة الاسم',
        'أن تكتب اللوحة باللغة العربية، ويجوز إضافة لغة أخرى بخط أصغر',
        'الالتزام بالمقاسات والمواقع المسموح بها، وألا تحجب رؤية السائقين',
        'موافقة مالك المبنى',
      ],
      en: [
        'A valid municipal licence for the shop when asking for a shop sign',
        'The sign is in Arabic; another language may be added in smaller letters',
        'The permitted sizes and places are respected, and drivers’ view is not blocked',
        'The building owner’s consent',
      ],
    },
    documents: {
      ar: [
        'تصميم اللوحة بالألوان مع المقاسات',
        'صورة للواجهة أو الموقع المقترح',
        'رقم الترخيص البلدي أو السجل التجاري',
        'موافقة مالك المبنى',
      ],
      en: [
        'Colour design of the sign with its dimensions',
        'Photo of the building front or proposed site',
        'Municipal licence or commercial registration number',
        'The building owner’s consent',
      ],
    },
    fees: {
      ar: 'حسب المساحة ونوع اللوحة، مثلاً 10 ر.ع. للمتر المربع سنوياً',
      en: 'By area and type of sign, e.g. OMR 10 per square metre a year',
    },
    steps: {
      ar: [
        'تقديم الطلب إلكترونياً مع التصميم والصور',
        'مراجعة التصميم والموقع',
        'سداد الرسوم',
        'تركيب اللوحة وفق التصميم المعتمد خلال المدة المحددة',
      ],
      en: [
        'Apply online with the design and photos',
        'The design and location are reviewed',
        'Pay the fees',
        'Install the sign as approved within the set period',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية، أو مراكز خدمة المراجعين',
      en: 'The municipality e-services portal, or a customer service centre',
    },
    expectedTime: { ar: 'من 3 إلى 5 أيام عمل', en: '3 to 5 working days' },
    reviewBy: '2027-02-28',
    lastReviewed: '2026-03-01',
    keywords: {
      ar: ['لوحة', 'لوحات', 'لوحة محل', 'إعلان', 'إعلانات', 'يافطة', 'لافتة'],
      en: ['sign', 'signage', 'billboard', 'advertisement', 'advert', 'banner', 'shop sign'],
    },
  },
  {
    code: 'tree_cutting_permit',
    categoryCodes: ['parks_trees'],
    title: { ar: 'تصريح قطع الأشجار أو نقلها', en: 'Permit to cut down or move a tree' },
    summary: {
      ar: 'مطلوب قبل قطع شجرة أو نخلة أو نقلها في موقع عام أو مطل على الطريق. تعاينها البلدية وقد تطلب زراعة بديل.',
      en: 'Needed before cutting down or moving a tree or palm in a public place or by a road. The municipality inspects it and may ask for a replacement.',
    },
    requirements: {
      ar: [
        'سبب واضح، مثل خطر على المارة أو المباني أو تعارض مع مشروع مرخص',
        'ألا تكون الشجرة من الأنواع المحمية كالغاف والسمر إلا بموافقة الجهة المختصة',
        'التعهد بزراعة شجرة بديلة إذا طلبت البلدية ذلك',
      ],
      en: [
        'A clear reason, such as danger to people or buildings or a clash with a permitted project',
        'The tree is not a protected species such as ghaf or samr, unless the competent authority approves',
        'An undertaking to plant a replacement if the municipality asks',
      ],
    },
    documents: {
      ar: ['البطاقة الشخصية لمقدم الطلب', 'صور للشجرة وموقعها', 'رخصة البناء إذا كان القطع لتنفيذ مشروع'],
      en: [
        'Applicant’s ID card',
        'Photos of the tree and its location',
        'The building permit if the tree is removed for a project',
      ],
    },
    fees: {
      ar: 'مجاناً للأشجار الخطرة، و5 ر.ع. لغيرها',
      en: 'Free for dangerous trees; OMR 5 otherwise',
    },
    steps: {
      ar: [
        'تقديم الطلب مع الصور والموقع',
        'تعاين إدارة الحدائق والتجميل الشجرة',
        'يصدر التصريح بشروطه، أو يعتذر عنه مع ذكر السبب',
        'ينفذ القطع أو النقل بإشراف البلدية أو بمقاول معتمد',
        'زراعة البديل إن طلب',
      ],
      en: [
        'Apply with the photos and location',
        'Parks and Beautification inspects the tree',
        'The permit is issued with its conditions, or refused with the reason',
        'The tree is cut or moved under municipal supervision or by an approved contractor',
        'Plant the replacement if asked',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية، أو مركز خدمة المراجعين في الولاية',
      en: 'The municipality e-services portal, or the customer service centre of your wilayat',
    },
    expectedTime: {
      ar: 'من 5 إلى 10 أيام عمل، وأسرع إذا كانت الشجرة تشكل خطراً',
      en: '5 to 10 working days; sooner when the tree is dangerous',
    },
    reviewBy: '2027-04-30',
    lastReviewed: '2026-05-01',
    keywords: {
      ar: ['قطع شجرة', 'شجرة', 'إزالة شجرة', 'نخلة', 'نخيل', 'غاف', 'شجرة خطرة'],
      en: ['tree removal', 'remove a tree', 'fell', 'palm tree', 'dangerous tree', 'trees'],
    },
  },
  {
    code: 'event_tent_permit',
    categoryCodes: ['general_inquiry', 'noise'],
    title: { ar: 'تصريح إقامة خيمة أو فعالية مؤقتة', en: 'Permit for a tent or temporary event' },
    summary: {
      ar: 'لإقامة خيمة عزاء أو أفراح أو فعالية في أرض عامة أو أمام المنزل لمدة محددة، مع المحافظة على النظافة وعدم الإزعاج.',
      en: 'To put up a tent for a wedding, condolences or an event on public land or outside your home, for a set period, kept clean and quiet.',
    },
    requirements: {
      ar: [
        'تحديد موقع الخيمة ومساحتها ومدتها',
        'ألا تعيق الخيمة الطريق أو المداخل أو مركبات الطوارئ',
        'موافقة الجهات المختصة للفعاليات العامة الكبيرة',
        'الالتزام بأوقات استخدام مكبرات الصوت، وإزالة الخيمة وتنظيف الموقع عند انتهاء المدة',
      ],
      en: [
        'The tent’s location, size and dates are given',
        'The tent does not block the road, entrances or emergency vehicles',
        'Approval from the competent authorities for large public events',
        'Loudspeaker hours are respected; the tent is removed and the site cleaned when the period ends',
      ],
    },
    documents: {
      ar: [
        'البطاقة الشخصية لمقدم الطلب',
        'كروكي يوضح موقع الخيمة ومساحتها',
        'موافقات الجهات المختصة للفعاليات العامة',
      ],
      en: [
        'Applicant’s ID card',
        'Sketch showing the tent’s location and size',
        'Approvals from the competent authorities for public events',
      ],
    },
    fees: {
      ar: 'مجاناً لخيام العزاء، و10 ر.ع. لخيام الأفراح، وحسب المساحة للفعاليات التجارية',
      en: 'Free for condolence tents, OMR 10 for wedding tents, by area for commercial events',
    },
    steps: {
      ar: [
        'تقديم الطلب مع الموقع والمدة',
        'تراجع إدارة الضبط والتفتيش البلدي الموقع',
        'سداد الرسوم إن وجدت',
        'استلام التصريح والاحتفاظ به في الموقع',
        'إزالة الخيمة وتنظيف الموقع عند انتهاء المدة',
      ],
      en: [
        'Apply with the location and dates',
        'Municipal Inspection and Enforcement checks the location',
        'Pay the fees, if any',
        'Receive the permit and keep it on site',
        'Remove the tent and clean the site when the period ends',
      ],
    },
    whereToApply: {
      ar: 'مركز خدمة المراجعين في الولاية، أو بوابة الخدمات الإلكترونية',
      en: 'The customer service centre of your wilayat, or the e-services portal',
    },
    expectedTime: {
      ar: 'في اليوم نفسه لخيام العزاء، ومن 3 إلى 5 أيام عمل لغيرها',
      en: 'Same day for condolence tents; 3 to 5 working days for others',
    },
    reviewBy: '2027-07-31',
    lastReviewed: '2026-08-01',
    keywords: {
      ar: ['خيمة', 'خيام', 'عزاء', 'عرس', 'زواج', 'أفراح', 'حفل', 'فعالية', 'مهرجان'],
      en: ['tent', 'wedding', 'condolence', 'party', 'event', 'festival', 'marquee'],
    },
  },
  {
    code: 'pest_control_request',
    categoryCodes: ['pest_control'],
    title: { ar: 'طلب مكافحة الحشرات والقوارض', en: 'Pest control request' },
    summary: {
      ar: 'اطلب رش المبيدات لمكافحة البعوض والذباب والصراصير والقوارض في الأماكن العامة أو حول منزلك. الخدمة مجانية للمساكن.',
      en: 'Ask for spraying against mosquitoes, flies, cockroaches or rats in public places or around your home. Free for homes.',
    },
    requirements: {
      ar: [
        'تحديد الموقع ونوع الحشرات أو القوارض',
        'وجود شخص بالغ في المنزل عند الرش الداخلي',
        'على المنشآت التجارية التعاقد مع شركة مكافحة مرخصة',
      ],
      en: [
        'The location and the kind of insects or rodents',
        'An adult is at home for indoor spraying',
        'Businesses must contract a licensed pest control company',
      ],
    },
    documents: {
      ar: ['رقم الهاتف', 'موقع المنزل أو المكان', 'صورة للمشكلة إن أمكن'],
      en: ['Phone number', 'Location of the home or place', 'A photo of the problem if possible'],
    },
    fees: { ar: 'مجاناً للمساكن والأماكن العامة', en: 'Free for homes and public places' },
    steps: {
      ar: [
        'قدم البلاغ بالاتصال أو برسالة نصية أو عبر البوابة',
        'يتواصل معك فريق المكافحة لتحديد الموعد',
        'ينفذ الرش، وتتبع تعليمات السلامة مثل إبعاد الأطفال والأطعمة لساعتين',
        'يعاد الرش بعد أسبوعين عند الحاجة',
      ],
      en: [
        'Report it by phone, text message or on the portal',
        'The pest control team calls you to set a time',
        'The spraying is done; follow the safety advice, e.g. keep children and food away for two hours',
        'A second spraying two weeks later if needed',
      ],
    },
    whereToApply: {
      ar: 'مركز الاتصال بالبلدية، أو بوابة الخدمات الإلكترونية',
      en: 'The municipality contact centre, or the e-services portal',
    },
    expectedTime: {
      ar: 'من 2 إلى 5 أيام عمل، وأسرع لمواقع توالد البعوض',
      en: '2 to 5 working days; sooner for mosquito breeding sites',
    },
    reviewBy: '2027-10-31',
    lastReviewed: '2026-11-01',
    keywords: {
      ar: ['رش', 'رش مبيدات', 'مبيدات', 'بعوض', 'ذباب', 'صراصير', 'فئران', 'جرذان', 'نمل', 'حشرات'],
      en: [
        'fumigation',
        'spraying',
        'mosquito',
        'cockroach',
        'rats',
        'mice',
        'termites',
        'insects',
        'rodents',
      ],
    },
  },
  {
    code: 'building_completion_certificate',
    categoryCodes: ['building_permit_inquiry'],
    title: { ar: 'شهادة إتمام البناء', en: 'Building completion certificate' },
    summary: {
      ar: 'تثبت أن المبنى نفذ وفق رخصة البناء، وتلزم لتوصيل الكهرباء والمياه بصفة دائمة ولتسجيل المبنى أو تأجيره.',
      en: 'Confirms a building matches its permit. Needed for permanent power and water connections and to register or rent out the building.',
    },
    requirements: {
      ar: [
        'إنجاز جميع الأعمال وفق المخططات المعتمدة',
        'شهادة إشراف من المكتب الاستشاري',
        'معالجة أي مخالفات بناء',
        'سداد الرسوم المستحقة',
      ],
      en: [
        'All works finished as in the approved drawings',
        'A supervision certificate from the engineering consultant',
        'Any building violations put right',
        'All fees due are paid',
      ],
    },
    documents: {
      ar: [
        'رقم رخصة البناء',
        'شهادة المكتب الاستشاري بإتمام الأعمال',
        'صور حديثة للمبنى',
        'شهادة الدفاع المدني للمباني غير السكنية',
      ],
      en: [
        'Building permit number',
        'The consultant’s certificate that the works are complete',
        'Recent photos of the building',
        'Civil defence certificate for non-residential buildings',
      ],
    },
    fees: {
      ar: '20 ر.ع. للمساكن، وحسب المساحة لغيرها',
      en: 'OMR 20 for homes; by area for other buildings',
    },
    steps: {
      ar: [
        'يقدم المكتب الاستشاري طلب الشهادة عبر بوابة البلدية',
        'يعاين مهندس البلدية المبنى',
        'معالجة الملاحظات إن وجدت',
        'سداد الرسوم',
        'إصدار الشهادة إلكترونياً',
      ],
      en: [
        'The consultant applies for the certificate on the municipality portal',
        'A municipal engineer inspects the building',
        'Put right any comments',
        'Pay the fees',
        'The certificate is issued online',
      ],
    },
    whereToApply: {
      ar: 'بوابة الخدمات الإلكترونية للبلدية عن طريق المكتب الاستشاري',
      en: 'The municipality e-services portal, through your consultant',
    },
    expectedTime: {
      ar: 'من 5 إلى 7 أيام عمل بعد المعاينة',
      en: '5 to 7 working days after the inspection',
    },
    reviewBy: '2027-06-30',
    lastReviewed: '2026-07-01',
    keywords: {
      ar: ['شهادة إنجاز', 'إنجاز البناء', 'شهادة إتمام', 'توصيل الكهرباء', 'عداد كهرباء', 'استلام المبنى'],
      en: ['occupancy certificate', 'certificate of completion', 'electricity connection', 'handover'],
    },
  },
];

/** The procedure with this code, if any. */
export const procedureByCode = (code: string, procedures: readonly Procedure[] = PROCEDURES) =>
  procedures.find((p) => p.code === code);

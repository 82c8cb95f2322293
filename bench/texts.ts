/**
 * Citizen messages of the kind Muscat receives: Gulf dialect and MSA Arabic (with typos and
 * Arabic-Indic digits), English, and mixed. Written for the bench; none is a training example.
 */
export const SMS_TEXTS: readonly string[] = [
  'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض',
  'في حفرة كبيرة في شارع السلطان قابوس قرب دوار الخوير',
  'عمود الإنارة مطفأ في السكة ٢٣ بالعامرات من أسبوع',
  'ماي المجاري طافح قدام البيت في المعبيلة والريحة قوية',
  'كلاب ضالة كثيرة عند المدرسة في بوشر والأطفال خايفين',
  'مطعم في روي يرمي الزيت في الشارع ويسبب روائح',
  'شجرة طايحة على الرصيف بعد المطر في العذيبة',
  'الحاوية مكسورة والغطاء مفقود عند الجامع في الحيل',
  'سيارة مهملة من شهرين في موقف العمارة بالغبرة',
  'الإشارة الضوئية عند تقاطع الوطية ما تشتغل',
  'نرجو رش المبيدات، البعوض كثير في الوادي الكبير',
  'بناء بدون تصريح جنب بيتنا في مسقط ويشتغلون بالليل',
  'There is a big pothole on the service road near Qurum, cars swerve around it',
  'Street light out on Way 3015 in Al Khuwair for three nights',
  'Overflowing bins behind the Lulu in Bawshar, trash on the ground',
  'Water leaking from a broken pipe on the street in Ruwi since morning',
  'Stray dogs near the park in Al Mawaleh, please send someone',
  'Sewage smell and overflow near the roundabout in Seeb',
  'الزبالة ما انشالت من الحارة، garbage not collected in Al Amerat',
  'Construction debris dumped on the empty plot in Al Hail South',
];

export const WEB_TEXTS: readonly string[] = [
  'Large pothole in the right lane of Sultan Qaboos Street near Al Khuwair',
  'يوجد تسرب مياه من أنبوب مكسور في الشارع المقابل للحديقة العامة في القرم',
  'أعمدة الإنارة في الحي مطفأة منذ أسبوع والشارع مظلم تماماً ليلاً',
  'Illegal dumping of construction waste next to the wadi in Al Amerat',
  'الحاويات ممتلئة وتفيض في المجمع السكني بالعذيبة والقطط تعبث بها',
  'Broken pavement tiles on the footpath near the school, children trip on them',
];

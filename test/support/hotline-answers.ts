/** What the hotline's `identify` answers for a caller with no open case (simulator tests). */
export const identify = {
  callerPhone: '+96891234567',
  openCases: '',
  openCount: '0',
  reference: '',
  welcomeAr: 'أهلاً',
  welcomeEn: 'Welcome. For English, press 2.',
};

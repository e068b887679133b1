// The interface language: English or Arabic. Arabic sets dir="rtl" on the document, which mirrors the whole
// layout (the style sheet uses logical properties only). User and model text keeps dir="auto" either way.
const STRINGS = {
  en: {
    brand: 'Qalam console', signOut: 'Sign out', signInTitle: 'Sign in', signIn: 'Sign in', or: 'or',
    signInHelp: 'Paste an API key (the one ./qalam run printed, or one made for you).', apiKey: 'API key',
    signInSso: 'Sign in with your organisation', navKeys: 'Keys', navUsage: 'Usage', navModels: 'Models',
    navPlayground: 'Playground', navOcr: 'OCR', navCollections: 'Collections', navDeployments: 'Deployments',
    yourKeys: 'Your keys', name: 'Name', scopes: 'Scopes', ocrPageBalance: 'OCR page balance',
    requestLimit: 'Request limit', requestsUsed: 'Requests used', createKey: 'Create key', prefix: 'Prefix',
    copyOnce: 'Copy this key now: it is shown only once.', copy: 'Copy', copied: 'Copied', done: 'Done',
    created: 'Created', revoke: 'Revoke', revoked: 'Revoked', active: 'Active', teams: 'Teams', trial: 'Trial',
    dailyLimit: 'Daily request limit', createTeam: 'Create team', allKeys: 'Every key', team: 'Team',
    noTeam: '(no team)', left: 'Left', status: 'Status', from: 'From', to: 'To', everyone: 'Everyone',
    show: 'Show', requestsByDay: 'Requests by day', tokensByDay: 'Tokens by day', byModel: 'By model',
    model: 'Model', requests: 'Requests', promptTokens: 'Prompt tokens', completionTokens: 'Completion tokens',
    totalTokens: 'Total tokens', type: 'Type', owner: 'Owner', latency: 'Average latency (ms)',
    temperature: 'Temperature', systemPrompt: 'System prompt', yourMessage: 'Your message', send: 'Send',
    stop: 'Stop', clear: 'Clear', sdkCode: 'OpenAI SDK (Python)', fileOcr: 'PDF or image (PNG, JPEG, TIFF)',
    upload: 'Upload', uploadProgress: 'Upload', jobProgress: 'Job', retry: 'Retry',
    recentJobs: 'Jobs of this session', page: 'Page', collection: 'Collection',
    createCollection: 'New collection', fileIngest: 'Document (PDF, DOCX, PPTX, TXT, MD)',
    metadata: 'Properties (JSON)', ingest: 'Ingest', file: 'File', pages: 'Pages', query: 'Question',
    search: 'Search', deployment: 'Deployment', createDeployment: 'New deployment',
    collections: 'Collections (ids, comma-separated)', create: 'Create', filter: 'Metadata filter (JSON, optional)',
    contextsUsed: 'Contexts used', score: 'score', noResults: 'No results.', none: 'None yet.',
    you: 'You', assistant: 'Assistant', confirmRevoke: 'Revoke this key? It stops working at once.',
    badJson: 'Not a JSON object', revokeKey: 'Revoke', noDeployments: 'No deployments for your teams.',
    signedInAs: 'Signed in as', expired: 'Your sign-in has ended; sign in again.',
  },
  ar: {
    brand: 'لوحة قلم', signOut: 'تسجيل الخروج', signInTitle: 'تسجيل الدخول', signIn: 'دخول', or: 'أو',
    signInHelp: 'الصق مفتاح API (الذي طبعه ./qalam run، أو مفتاحاً أُنشئ لك).', apiKey: 'مفتاح API',
    signInSso: 'الدخول عبر مؤسستك', navKeys: 'المفاتيح', navUsage: 'الاستخدام', navModels: 'النماذج',
    navPlayground: 'ساحة التجربة', navOcr: 'التعرف الضوئي', navCollections: 'المجموعات', navDeployments: 'التطبيقات',
    yourKeys: 'مفاتيحك', name: 'الاسم', scopes: 'الصلاحيات', ocrPageBalance: 'رصيد صفحات التعرف الضوئي',
    requestLimit: 'حد الطلبات', requestsUsed: 'الطلبات المستخدمة', createKey: 'إنشاء مفتاح', prefix: 'البادئة',
    copyOnce: 'انسخ هذا المفتاح الآن: لن يظهر مرة أخرى.', copy: 'نسخ', copied: 'تم النسخ', done: 'تم',
    created: 'أُنشئ', revoke: 'إلغاء', revoked: 'ملغى', active: 'فعّال', teams: 'الفرق', trial: 'تجريبي',
    dailyLimit: 'حد الطلبات اليومي', createTeam: 'إنشاء فريق', allKeys: 'كل المفاتيح', team: 'الفريق',
    noTeam: '(بلا فريق)', left: 'المتبقي', status: 'الحالة', from: 'من', to: 'إلى', everyone: 'الجميع',
    show: 'عرض', requestsByDay: 'الطلبات حسب اليوم', tokensByDay: 'الرموز حسب اليوم', byModel: 'حسب النموذج',
    model: 'النموذج', requests: 'الطلبات', promptTokens: 'رموز المدخلات', completionTokens: 'رموز الإجابة',
    totalTokens: 'مجموع الرموز', type: 'النوع', owner: 'المالك', latency: 'متوسط زمن الاستجابة (مللي ثانية)',
    temperature: 'درجة الحرارة', systemPrompt: 'تعليمات النظام', yourMessage: 'رسالتك', send: 'إرسال',
    stop: 'إيقاف', clear: 'مسح', sdkCode: 'حزمة OpenAI (بايثون)', fileOcr: 'ملف PDF أو صورة (PNG، JPEG، TIFF)',
    upload: 'رفع', uploadProgress: 'الرفع', jobProgress: 'المهمة', retry: 'إعادة المحاولة',
    recentJobs: 'مهام هذه الجلسة', page: 'صفحة', collection: 'المجموعة',
    createCollection: 'مجموعة جديدة', fileIngest: 'مستند (PDF، DOCX، PPTX، TXT، MD)',
    metadata: 'الخصائص (JSON)', ingest: 'إضافة', file: 'الملف', pages: 'الصفحات', query: 'السؤال',
    search: 'بحث', deployment: 'التطبيق', createDeployment: 'تطبيق جديد',
    collections: 'المجموعات (معرّفات مفصولة بفواصل)', create: 'إنشاء', filter: 'مرشح الخصائص (JSON، اختياري)',
    contextsUsed: 'المقاطع المستخدمة', score: 'الدرجة', noResults: 'لا نتائج.', none: 'لا شيء بعد.',
    you: 'أنت', assistant: 'المساعد', confirmRevoke: 'إلغاء هذا المفتاح؟ سيتوقف عن العمل فوراً.',
    badJson: 'ليس كائن JSON', revokeKey: 'إلغاء', noDeployments: 'لا تطبيقات لفرقك.',
    signedInAs: 'مسجّل باسم', expired: 'انتهت جلستك؛ سجّل الدخول مجدداً.',
  },
};

const LANG = 'qalam.lang';
let lang = localStorage.getItem(LANG) === 'ar' ? 'ar' : 'en';

export const t = (key) => STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
export const currentLang = () => lang;

export function applyLanguage(root = document) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of root.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  const other = document.getElementById('lang-switch');
  other.textContent = lang === 'ar' ? 'English' : 'العربية';
  other.lang = lang === 'ar' ? 'en' : 'ar';
}

export function switchLanguage() {
  lang = lang === 'ar' ? 'en' : 'ar';
  localStorage.setItem(LANG, lang);
  applyLanguage();
}

"""Word lists the entity rules read (organisation heads, firm-name endings, titles, adjectives) → normalized sets,
each also with its proclitic forms where the rules meet it written onto a word. Written for Fahras."""

from __future__ import annotations

from indexer.clitics import with_clitics
from indexer.normalize import normalize

# Words that name what kind of organisation follows; normalized (ة → ه, أ → ا). Written for Fahras.
DESCRIPTOR_HEADS = frozenset(normalize(w) for w in (
    "شركة", "مجموعة", "قناة", "صحيفة", "جريدة", "مجلة", "وكالة", "منصة", "تطبيق", "موقع", "شبكة", "متجر",
    "علامة", "ماركة", "مكتب", "استوديو", "شركتي", "شركتا",
))
FIRM_HEADS = DESCRIPTOR_HEADS | frozenset(normalize(w) for w in (
    "بنك", "مصرف", "صندوق", "بورصة", "مؤسسة", "شركات", "مجموعه",
))
ORG_HEADS = frozenset(normalize(w) for w in (
    "وزارة", "حزب", "لجنة", "مجلس", "اتحاد", "جامعة", "كلية", "نادي", "منتخب", "منظمة", "هيئة", "حكومة", "جمعية", "نقابة", "محكمة",
    "البرلمان", "برلمان", "الكونغرس", "الكونجرس", "مجلس", "الأمم", "رابطة", "دوري", "حركة", "تحالف", "جبهة",
    "الجيش", "جيش", "الشرطة", "سلطة", "دائرة", "بلدية", "مكتب", "مركز", "معهد", "أكاديمية", "الاتحاد", "المنتدى",
    "منتدى", "الاحتياطي", "البنك المركزي",
))
# Words that continue a firm's name after its first word (أفينو كابيتال, سنترفيو بارتنرز, الفنار القابضة).
FIRM_TAILS = frozenset(normalize(w) for w in (
    "كابيتال", "بارتنرز", "بارتنر", "جروب", "غروب", "القابضة", "هولدينغ", "هولدنغ", "للاستثمار", "الاستثمارية",
    "المالية", "للتمويل", "ادفايزرز", "أدفايزرز", "فنتشرز", "فينتشرز", "فاند", "مانجمنت", "لإدارة", "الأصول",
    "للاتصالات", "للتقنية", "للطاقة", "للتأمين", "انترناشونال", "إنترناشونال", "العالمية", "الدولية", "تكنولوجيز",
    "سيستمز", "لابز", "أند", "آند", "كوربوريشن", "فايننشال", "الاستشارية", "للاستشارات", "ميديا",
    "تكنولوجي", "موتورز", "فارما", "إنرجي", "سوليوشنز", "نتوركس", "العقارية", "للصناعات", "للتطوير", "كومباني",
    "وشركاه",
))
# Firm-name endings borrowed from English, which end nothing but a firm's name (مسار كابيتال، رائد فنتشرز; not غروب,
# which is also "sunset").
FOREIGN_FIRM_TAILS = frozenset(normalize(w) for w in (
    "كابيتال", "بارتنرز", "بارتنر", "جروب", "هولدينغ", "هولدنغ", "ادفايزرز", "أدفايزرز", "فنتشرز", "فينتشرز",
    "مانجمنت", "كوربوريشن", "فايننشال", "تكنولوجيز", "سيستمز", "لابز", "موتورز", "فارما", "سوليوشنز", "نتوركس",
    "إنرجي", "انترناشونال", "إنترناشونال", "كومباني", "وشركاه",
))
HEADS = FIRM_HEADS | ORG_HEADS
# Words that name a non-firm organisation's kind, followed by its name (فريق ميلووكي باكس, نادي الزمالك).
ORG_DESCRIPTOR_HEADS = frozenset(normalize(w) for w in ("فريق", "نادي", "حزب", "حركة", "جماعة", "منظمة"))
# Indefinite first words of a descriptor's complement (شركة رأس المال, شركة إدارة الأصول, وكالة أنباء).
COMPLEMENT_HEADS = frozenset(normalize(w) for w in ("رأس", "إدارة", "صناعة", "خدمات", "تكنولوجيا", "أنباء"))
# Prepositions made of nouns, which never start a name (شركة ضمن معرض … للكتاب). Not stopwords of the analyzer:
# changing its list would change how existing indexes are searched. Written for Fahras.
PREPOSITION_NOUNS = with_clitics(frozenset(normalize(w) for w in ("ضمن", "إثر", "عقب", "وفق", "حسب")))
# Masculine adjectives that follow a descriptor (تطبيق جديد); a feminine one (شركة تابعة) is its masculine form and ة.
ADJECTIVES = frozenset(normalize(w) for w in (
    "جديد", "كبير", "صغير", "ضخم", "خاص", "عام", "آخر", "واحد", "مماثل", "مستقل", "ناشئ", "رائد", "عملاق", "مشهور",
    "معروف", "شهير", "متخصص", "مختلف", "حكومي", "مشترك", "ثان", "ثالث", "أول", "كامل", "مجاني", "مفتوح",
    "مهم", "رائع", "بسيط", "تابع", "مساهم", "مدرج", "مملوك", "قابض", "منافس", "شقيق", "زميل", "ناجح", "محدود",
    "كبرى",
))
# Verbs that follow a name and are not part of it (… ورون كونواي كانا من بين).
AUXILIARIES = frozenset(normalize(w) for w in (
    "كان", "كانت", "كانا", "كانتا", "كانوا", "يكون", "تكون", "ليس", "ليست", "أصبح", "أصبحت", "ظل", "ظلت", "بات",
    "باتت", "صار", "صارت", "قال", "قالت", "قالا", "أكد", "أكدت", "يقول", "تقول",
))
# Prayers written after a person's name (عبدالمجيد بن عبدالعزيز رحمه الله، حفظه الله): never part of the name.
PRAYERS = frozenset(normalize(w) for w in ("رحمه", "يرحمه", "رحمها", "يرحمها", "حفظه", "حفظها", "يحفظه", "رعاه",
                                           "أيده", "رضي", "عليه"))
# Verbs of speech that a person's name follows (قال نبيل وجيه، المتحدث …). Written for Fahras.
SPEECH_FORMS = with_clitics(frozenset(normalize(w) for w in (
    "قال", "قالت", "أكد", "أكدت", "أوضح", "أوضحت", "أضاف", "أضافت", "أشار", "أشارت", "ذكر", "ذكرت", "صرح", "صرحت",
    "أعلن", "أعلنت", "كشف", "كشفت")))
# Words of speech before لـ and the outlet quoted after it (قال لـ«نخلة»، في تصريح لـ"الواحة"، وفقا لـ«سيدرا»): the
# verbs of speech and the nouns of a statement and its source. Written for Fahras.
TOLD_FORMS = SPEECH_FORMS | with_clitics(frozenset(normalize(w) for w in (
    "قالوا", "قائلا", "أفاد", "أفادت", "أفصح", "تحدث", "تحدثت", "يقول", "تقول", "حديث", "حديثه", "حديثها", "حديثهم",
    "تصريح", "تصريحات", "تصريحه", "تصريحها", "تصريحاته", "حوار", "مصدر", "مصادر", "المصدر", "المصادر", "مطلع",
    "مطلعة", "خاص", "خاصة", "وفقا", "طبقا",
)))
# Words for experts and researchers, before a name in Latin script (الخبيران الأمنيان Tao Wei). Written for Fahras.
EXPERT_FORMS = with_clitics(frozenset(normalize(w) for w in (
    "الخبير", "الخبيرة", "الخبيران", "الخبراء", "الباحث", "الباحثة", "الباحثان", "الباحثون", "المحلل", "المحللة",
    "المحللان", "العالم", "المهندس", "المصور", "الأستاذ", "البروفيسور")))
# Titles and roles written before a person's name; never part of the name (السيناتور جيه دي فانس).
TITLES = frozenset(normalize(w) for w in (
    "الرئيس", "الرئيسة", "رئيس", "رئيسة", "السيد", "السيدة", "الشيخ", "الشيخة", "الأمير", "الأميرة", "الملك",
    "الملكة", "الدكتور", "الدكتورة", "المهندس", "الأستاذ", "البروفيسور", "السيناتور", "السناتور", "النائب",
    "النائبة", "الوزير", "الوزيرة", "وزير", "وزيرة", "الملياردير", "المليارديرة", "المستثمر", "المستثمرة",
    "الجنرال", "القاضي", "القاضية", "المدير", "المديرة", "الحاكم", "المحافظ", "العمدة", "الزعيم", "المرشح",
    "المرشحة", "المتحدث", "المتحدثة", "المؤسس", "المؤسسة", "الشريك", "الشريكة", "المدرب", "اللاعب", "الكاتب",
    "الكاتبة", "الصحفي", "الصحفية", "الممثل", "الممثلة", "الفنان", "الفنانة", "المغني", "المغنية", "السفير",
    "السفيرة", "المستشار", "المستشارة", "حاكم", "عضو", "النجم", "النجمة", "الإمام", "الخليفة",
))
# Words whose indefinite form names a place, prize, event or institution after a person (جائزة نوبل، ملعب سانتياغو
# برنابيو، مركز الملك خالد).
NAMED_AFTER_HEADS = frozenset(normalize(w) for w in (
    "جائزة", "كأس", "ملعب", "ستاد", "استاد", "برج", "مطار", "شارع", "ميدان", "مسجد", "إعصار", "قاعة",
    "جسر", "سد", "مدرسة", "مستشفى", "مركز", "مدينة", "جامعة", "مجمع", "قصر", "كرسي",
))
# Titles a place or institution named after someone keeps between its head and the name (مطار الملك خالد، مركز الأمير
# سلطان): the name still names the place. Written for Fahras.
NAMED_AFTER_TITLES = frozenset(normalize(w) for w in ("الملك", "الأمير", "الأميرة", "الشيخ", "الشيخة", "الإمام",
                                                      "السلطان", "الرئيس", "الملكة"))
# "Saint" in a place's name (سان ريمو، سانت لويس، سانتا مونيكا): a name it starts is a place, never a person.
SAINT_WORDS = frozenset(normalize(w) for w in ("سان", "سانت", "سانتا", "سانتو", "سينت"))
# Indefinite role words followed by their field and then, often, the person's name (وزير المالية منصور الشهري).
ROLE_HEADS = frozenset(normalize(w) for w in (
    "رئيس", "رئيسة", "وزير", "وزيرة", "مدير", "مديرة", "أمين", "نائب", "مساعد", "مستشار", "سفير", "متحدث", "ناطق",
    "عضو", "زعيم", "قائد", "محافظ", "حاكم", "مؤسس", "مالك", "مندوب", "مراسل",
))
# Words whose indefinite form names a natural place after it (وادي السيليكون، جبل طارق، نهر النيل): a place, never a
# person, firm or organisation.
GEOGRAPHIC_HEADS = frozenset(normalize(w) for w in (
    "وادي", "جبل", "جبال", "نهر", "بحر", "بحيرة", "خليج", "جزيرة", "جزر", "صحراء", "مضيق", "هضبة", "سهل", "شبه",
))
# The ship canals named with قناة, which otherwise names a television channel (قناة بنما, not قناة دبي): the
# world's best-known canals, from general knowledge. Written for Fahras.
CANALS = frozenset(normalize(w) for w in ("السويس", "بنما", "كيل", "كورنث"))
# The months of both calendars news writes side by side (نيسان (أبريل)، أبريل نيسان): next to each other, a date.
MONTHS = frozenset(normalize(w) for w in (
    "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "يناير", "فبراير", "مارس",
    "أبريل", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
))
# Currencies: a word of money alone is never a firm's or organisation's name (مليار ريال).
CURRENCIES = frozenset(normalize(w) for w in (
    "ريال", "ريالا", "دولار", "دولارا", "يورو", "جنيه", "جنيها", "درهم", "درهما", "دينار", "دينارا", "ليرة", "روبية",
    "ين", "يوان", "روبل", "فرنك", "شيكل", "استرليني", "إسترليني",
))
# Words never a person's whole name (الله).
NOT_PERSONS = frozenset(normalize(w) for w in ("الله",))
# Words that end the name of a street or square (وول ستريت، تايمز سكوير): a place, not a person.
STREET_WORDS = frozenset(normalize(w) for w in ("ستريت", "سكوير", "أفنيو", "أفينيو", "بوليفارد"))
PLURAL_ENDINGS = ("ين", "ون", "ات", "يه")  # البارزين, الأمريكيون: adjectives, not the end of a person's name


DESCRIPTOR_FORMS = with_clitics(DESCRIPTOR_HEADS)
# An organisation head with or without the article, and any proclitic (المحكمة، للهيئة): the kind of what it starts.
ORG_KIND_FORMS = with_clitics(ORG_HEADS | {"ال" + head for head in ORG_HEADS if not head.startswith("ال")})
ORG_FORMS = with_clitics(ORG_HEADS)
HEAD_FORMS = DESCRIPTOR_FORMS | ORG_FORMS
TITLE_FORMS = with_clitics(TITLES)
# The heads with the article (البنك، للصندوق، والشركة): "the bank", a reference, not a name.
GENERIC_HEAD_FORMS = with_clitics(frozenset(
    "ال" + head for head in FIRM_HEADS | ORG_HEADS | DESCRIPTOR_HEADS if not head.startswith("ال")))
ORG_DESCRIPTOR_FORMS = with_clitics(ORG_DESCRIPTOR_HEADS)
NAMED_AFTER_FORMS = with_clitics(NAMED_AFTER_HEADS)
GEOGRAPHIC_FORMS = with_clitics(GEOGRAPHIC_HEADS)
# An exchange is named by its head and its place (سوق دبي، بورصة الكويت); an index word before it (مؤشر سوق دبي)
# says it is the exchange, and before any other name that the name is an index's (مؤشر نوفكس).
EXCHANGE_FORMS = with_clitics(frozenset(normalize(w) for w in ("سوق", "بورصة")))
INDEX_FORMS = with_clitics(frozenset(normalize(w) for w in ("مؤشر", "المؤشر", "مؤشرات")))
CANAL_FORMS = with_clitics(frozenset({normalize("قناة")}))
ROLE_HEAD_FORMS = with_clitics(ROLE_HEADS)
# The company, with the article (and any proclitic): a definite word right after it describes it (الشركة الأم).
THE_COMPANY_FORMS = with_clitics(frozenset({normalize("الشركة")}))
# Descriptors the rules leave out of a name (شركة غوغل → غوغل; حركة طالبان → طالبان).
LEFT_OUT_HEADS = frozenset(normalize(w) for w in (
    "شركة", "قناة", "صحيفة", "جريدة", "مجلة", "حركة", "نادي", "فريق", "جماعة"))
# Descriptors whose firm's name may end in a sector complement (شركة الرواسي للرعاية الطبية).
SECTOR_DESCRIPTOR_FORMS = with_clitics(frozenset(normalize(w) for w in (
    "شركة", "شركات", "مجموعة", "مكتب", "مؤسسة", "بنك", "مصرف", "صندوق")))
# Descriptors whose name is taken only when the tagger found one right after them or a firm-name ending follows it
# (بنك مورغان ستانلي، صندوق رمال للاستثمار), since most words after them are not names (بنك مركزي، صندوق سيادي).
TAGGED_DESCRIPTOR_FORMS = with_clitics(frozenset(normalize(w) for w in ("بنك", "مصرف", "صندوق")))
# A bank's head before a definite word and one of these adjectives names a bank (بنك الكويت الوطني، بنك الخليج
# الأول): the adjectives commercial banks are named with, not nationalities (بنك الصين الشعبي is a central bank).
BANK_FORMS = with_clitics(frozenset(normalize(w) for w in ("بنك", "مصرف")))
BANK_ADJECTIVES = frozenset(normalize(w) for w in (
    "الوطني", "الأول", "الدولي", "الإسلامي", "التجاري", "الأهلي", "المتحد",
))
# Definite words after بنك or مصرف that say what a bank does, not whose it is: an institution, not a firm's name
# (بنك التنمية الإسلامي، مصرف التسويات الدولي، بنك الطعام، بنك الدم).
BANK_FUNCTIONS = frozenset(normalize(w) for w in (
    "التنمية", "الاستثمار", "التسويات", "الإعمار", "التعمير", "التسليف", "الادخار", "الإسكان", "الطعام", "الدم",
    "المعلومات", "البيانات", "الأفكار", "الملابس", "الحليب",
))
# The dual of شركة, a descriptor only before two names joined by و (شركتي نوفا وسيدرا; شركتي سألت: "my company").
DUAL_FORMS = with_clitics(frozenset(normalize(w) for w in ("شركتي", "شركتا")))
# Descriptors after which one untagged word may be a firm's whole name (تطبيق زووم، شركتي نوفا وسيدرا); not
# after ب (بتطبيق مبدأ).
LONE_NAME_FORMS = frozenset(f for f in with_clitics(frozenset(normalize(w) for w in (
    "شركة", "قناة", "صحيفة", "جريدة", "مجلة", "وكالة", "منصة", "تطبيق", "متجر", "استوديو", "شركتي", "شركتا",
))) if not f.startswith(("ب", "وب")))
# Descriptors after which a rare definite word may be a firm's whole name (شركة النخيل، قناة البوصلة): heads that name
# nothing but a firm or an outlet (not تطبيق الشرط، منصة التتويج: "applying", "podium").
# The company, indefinite: a definite noun and adjective after it name one company (شركة الموانئ البحرية).
COMPANY_FORMS = with_clitics(frozenset({normalize("شركة")}))
DEFINITE_NAME_FORMS = with_clitics(frozenset(normalize(w) for w in ("شركة", "قناة", "صحيفة", "جريدة", "مجلة")))
ROLE_FORMS = TITLE_FORMS | with_clitics(frozenset(normalize(w) for w in (
    "مؤسس", "مدير", "مديرة", "شريك", "مالك", "التنفيذي", "التنفيذية", "المشارك", "المشاركة", "الإداري",
)))
# Definite role words after which ل is the preposition "of" before the employer's name (الرئيس التنفيذي لجيه بي
# مورغان، المؤسس المشارك لقرش).
EMPLOYER_ROLES = frozenset(normalize(w) for w in (
    "التنفيذي", "التنفيذية", "المشارك", "المشاركة", "الإداري", "الإدارية", "العام", "العامة", "المالي", "المالية",
))
# Descriptors that also mean a person's own office or brand (مكتب نعوم شومسكي): a person tagged after them stays one.
PERSONAL_DESCRIPTOR_FORMS = with_clitics(frozenset(normalize(w) for w in ("مكتب", "علامة", "استوديو")))
# Words that tie the parts of a name together (محمد بن سلمان آل سعود، أبو بكر، عبد الله، محمد ولد عبد العزيز، مبارك بو
# صوفة; ألكسندر فان دير بيلن، أورسولا فون دير لاين): a name never ends on one; one of LINEAGE_LINKS never starts one.
NAME_LINKS = frozenset(normalize(w) for w in ("بن", "ابن", "بنت", "أبو", "أبي", "أبا", "آل", "عبد", "ولد", "بو",
                                              "فان", "فون", "دير", "دي", "دو", "دا", "ديل"))
# The first word of a kunya (أبو بكر، سعد بن أبي وقاص), also with و or ل written on it (لأبي الحسن): part of the name.
KUNYA_FORMS = with_clitics(frozenset(normalize(w) for w in ("أبو", "أبي", "أبا")))
# Masculine adjectives of nationality (الإيطالي): after a name, they mark a team or organisation, not a person.
NATIONALITIES = frozenset(normalize("ال" + w) for w in (
    "إيطالي", "إسباني", "إنجليزي", "إنكليزي", "فرنسي", "ألماني", "برتغالي", "هولندي", "بلجيكي", "روسي", "أمريكي",
    "أميركي", "برازيلي", "أرجنتيني", "مصري", "سعودي", "إماراتي", "قطري", "كويتي", "بحريني", "عماني", "أردني",
    "لبناني", "سوري", "عراقي", "مغربي", "جزائري", "تونسي", "ليبي", "سوداني", "يمني", "تركي", "إيراني", "ياباني",
    "صيني", "كوري", "هندي", "يوناني", "سويسري", "سويدي", "نمساوي", "اسكتلندي", "أوكراني", "روماني", "بولندي",
    "كرواتي", "صربي", "مكسيكي", "كندي", "أسترالي", "إسرائيلي", "فلسطيني", "نيجيري", "غاني", "كاميروني",
    "سنغالي", "إيرلندي", "ايرلندي", "دنماركي", "نرويجي", "تشيكي", "مجري", "أوروغواياني", "كولومبي", "تشيلي",
))

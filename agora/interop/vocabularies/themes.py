"""EU data themes (the DCAT-AP controlled vocabulary for dcat:theme).

Codes, URIs and the English, French and Spanish labels are those of the Publications Office's
authority table "data-theme" (http://publications.europa.eu/resource/authority/data-theme).
The Arabic, Chinese and Russian labels are Agora's own translations. OP_DATPRO ("provisional
data") is not offered: it describes a status, not a subject.
"""

THEME_BASE_URI = "http://publications.europa.eu/resource/authority/data-theme/"

THEMES: dict[str, dict[str, str]] = {
    "AGRI": {
        "en": "Agriculture, fisheries, forestry and food",
        "fr": "Agriculture, pêche, sylviculture et alimentation",
        "es": "Agricultura, pesca, silvicultura y alimentación",
        "ar": "الزراعة ومصايد الأسماك والحراجة والأغذية",
        "ru": "Сельское хозяйство, рыболовство, лесное хозяйство и продовольствие",
        "zh": "农业、渔业、林业和食品",
    },
    "ECON": {
        "en": "Economy and finance",
        "fr": "Économie et finances",
        "es": "Economía y finanzas",
        "ar": "الاقتصاد والمالية",
        "ru": "Экономика и финансы",
        "zh": "经济与金融",
    },
    "EDUC": {
        "en": "Education, culture and sport",
        "fr": "Éducation, culture et sport",
        "es": "Educación, cultura y deportes",
        "ar": "التعليم والثقافة والرياضة",
        "ru": "Образование, культура и спорт",
        "zh": "教育、文化和体育",
    },
    "ENER": {
        "en": "Energy",
        "fr": "Énergie",
        "es": "Energía",
        "ar": "الطاقة",
        "ru": "Энергетика",
        "zh": "能源",
    },
    "ENVI": {
        "en": "Environment",
        "fr": "Environnement",
        "es": "Medio ambiente",
        "ar": "البيئة",
        "ru": "Окружающая среда",
        "zh": "环境",
    },
    "GOVE": {
        "en": "Government and public sector",
        "fr": "Gouvernement et secteur public",
        "es": "Gobierno y sector público",
        "ar": "الحكومة والقطاع العام",
        "ru": "Государство и государственный сектор",
        "zh": "政府和公共部门",
    },
    "HEAL": {
        "en": "Health",
        "fr": "Santé",
        "es": "Salud",
        "ar": "الصحة",
        "ru": "Здравоохранение",
        "zh": "卫生",
    },
    "INTR": {
        "en": "International issues",
        "fr": "Questions internationales",
        "es": "Asuntos internacionales",
        "ar": "القضايا الدولية",
        "ru": "Международные вопросы",
        "zh": "国际问题",
    },
    "JUST": {
        "en": "Justice, legal system and public safety",
        "fr": "Justice, système juridique et sécurité publique",
        "es": "Justicia, sistema judicial y seguridad pública",
        "ar": "العدالة والنظام القانوني والسلامة العامة",
        "ru": "Правосудие, правовая система и общественная безопасность",
        "zh": "司法、法律制度和公共安全",
    },
    "REGI": {
        "en": "Regions and cities",
        "fr": "Régions et villes",
        "es": "Regiones y ciudades",
        "ar": "المناطق والمدن",
        "ru": "Регионы и города",
        "zh": "区域和城市",
    },
    "SOCI": {
        "en": "Population and society",
        "fr": "Population et société",
        "es": "Población y sociedad",
        "ar": "السكان والمجتمع",
        "ru": "Население и общество",
        "zh": "人口与社会",
    },
    "TECH": {
        "en": "Science and technology",
        "fr": "Science et technologie",
        "es": "Ciencia y tecnología",
        "ar": "العلوم والتكنولوجيا",
        "ru": "Наука и технологии",
        "zh": "科学技术",
    },
    "TRAN": {
        "en": "Transport",
        "fr": "Transports",
        "es": "Transporte",
        "ar": "النقل",
        "ru": "Транспорт",
        "zh": "交通运输",
    },
}


def theme_uri(code: str) -> str:
    return THEME_BASE_URI + code


def theme_code_from(value: str) -> str | None:
    """Accept a code ("ECON"), a lower-case code, or the full authority URI."""
    candidate = value.strip().rstrip("/").rsplit("/", 1)[-1].upper()
    return candidate if candidate in THEMES else None

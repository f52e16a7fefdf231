#!/usr/bin/env python3
"""Writes assets/delegation-names.csv: every delegation and group of assets/delegations.ron in
the six official languages, with where each row's names came from.

Sources, in order:
  1. Debian's iso-codes (ISO 3166-1 names and their translations, the gettext catalogues of
     the Debian/iso-codes project): the names of States. `apt-get install iso-codes` first,
     or point ISO_CODES_ROOT at a folder holding usr/share/iso-codes and usr/share/locale.
  2. UN_NAMES below: where the United Nations' official short name differs from ISO's (the
     English of assets/delegations.ron is the UN's), the UN's name in each language.
  3. ENTITIES below: observers, United Nations entities and groups of States, which ISO does
     not name, entered by hand from the United Nations' own usage.
Run: python3 scripts/delegation-names.py (prints what it wrote; fails naming any delegation
that has no name in some language).
"""

import csv
import gettext
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ISO = os.environ.get("ISO_CODES_ROOT", "/")
LANGS = ["ar", "zh", "fr", "ru", "es"]
LOCALE = {"ar": "ar", "zh": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}

# The UN's official short names where ISO's differ, in ar, zh, fr, ru, es.
UN_NAMES = {
    "Bolivia (Plurinational State of)": ("بوليفيا (دولة - المتعددة القوميات)", "多民族玻利维亚国", "Bolivie (État plurinational de)", "Боливия (Многонациональное Государство)", "Bolivia (Estado Plurinacional de)"),
    "Iran (Islamic Republic of)": ("إيران (جمهورية - الإسلامية)", "伊朗伊斯兰共和国", "Iran (République islamique d’)", "Иран (Исламская Республика)", "Irán (República Islámica del)"),
    "Micronesia (Federated States of)": ("ميكرونيزيا (ولايات - الموحدة)", "密克罗尼西亚联邦", "Micronésie (États fédérés de)", "Микронезия (Федеративные Штаты)", "Micronesia (Estados Federados de)"),
    "Venezuela (Bolivarian Republic of)": ("فنزويلا (جمهورية - البوليفارية)", "委内瑞拉玻利瓦尔共和国", "Venezuela (République bolivarienne du)", "Венесуэла (Боливарианская Республика)", "Venezuela (República Bolivariana de)"),
    "Netherlands (Kingdom of the)": ("هولندا (مملكة)", "荷兰王国", "Pays-Bas (Royaume des)", "Нидерланды (Королевство)", "Países Bajos (Reino de los)"),
    "Türkiye": ("تركيا", "土耳其", "Türkiye", "Турция", "Türkiye"),
    "United Kingdom of Great Britain and Northern Ireland": ("المملكة المتحدة لبريطانيا العظمى وآيرلندا الشمالية", "大不列颠及北爱尔兰联合王国", "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Соединенное Королевство Великобритании и Северной Ирландии", "Reino Unido de Gran Bretaña e Irlanda del Norte"),
    "United States of America": ("الولايات المتحدة الأمريكية", "美利坚合众国", "États-Unis d’Amérique", "Соединенные Штаты Америки", "Estados Unidos de América"),
    "Russian Federation": ("الاتحاد الروسي", "俄罗斯联邦", "Fédération de Russie", "Российская Федерация", "Federación de Rusia"),
    "Republic of Korea": ("جمهورية كوريا", "大韩民国", "République de Corée", "Республика Корея", "República de Corea"),
    "Democratic People's Republic of Korea": ("جمهورية كوريا الشعبية الديمقراطية", "朝鲜民主主义人民共和国", "République populaire démocratique de Corée", "Корейская Народно-Демократическая Республика", "República Popular Democrática de Corea"),
    "Republic of Moldova": ("جمهورية مولدوفا", "摩尔多瓦共和国", "République de Moldova", "Республика Молдова", "República de Moldova"),
    "United Republic of Tanzania": ("جمهورية تنزانيا المتحدة", "坦桑尼亚联合共和国", "République-Unie de Tanzanie", "Объединенная Республика Танзания", "República Unida de Tanzanía"),
    "Syrian Arab Republic": ("الجمهورية العربية السورية", "阿拉伯叙利亚共和国", "République arabe syrienne", "Сирийская Арабская Республика", "República Árabe Siria"),
    "Viet Nam": ("فييت نام", "越南", "Viet Nam", "Вьетнам", "Viet Nam"),
    "Lao People's Democratic Republic": ("جمهورية لاو الديمقراطية الشعبية", "老挝人民民主共和国", "République démocratique populaire lao", "Лаосская Народно-Демократическая Республика", "República Democrática Popular Lao"),
    "Czechia": ("تشيكيا", "捷克", "Tchéquie", "Чехия", "Chequia"),
    "Côte d'Ivoire": ("كوت ديفوار", "科特迪瓦", "Côte d’Ivoire", "Кот-д’Ивуар", "Côte d’Ivoire"),
    "Democratic Republic of the Congo": ("جمهورية الكونغو الديمقراطية", "刚果民主共和国", "République démocratique du Congo", "Демократическая Республика Конго", "República Democrática del Congo"),
    "Congo": ("الكونغو", "刚果", "Congo", "Конго", "Congo"),
    "Eswatini": ("إسواتيني", "斯威士兰", "Eswatini", "Эсватини", "Eswatini"),
    "North Macedonia": ("مقدونيا الشمالية", "北马其顿", "Macédoine du Nord", "Северная Македония", "Macedonia del Norte"),
    "Cabo Verde": ("كابو فيردي", "佛得角", "Cabo Verde", "Кабо-Верде", "Cabo Verde"),
    "Brunei Darussalam": ("بروني دار السلام", "文莱达鲁萨兰国", "Brunéi Darussalam", "Бруней-Даруссалам", "Brunei Darussalam"),
    "Kyrgyzstan": ("قيرغيزستان", "吉尔吉斯斯坦", "Kirghizistan", "Кыргызстан", "Kirguistán"),
    "Timor-Leste": ("تيمور - ليشتي", "东帝汶", "Timor-Leste", "Тимор-Лешти", "Timor-Leste"),
    "Qatar": ("قطر", "卡塔尔", "Qatar", "Катар", "Qatar"),
    "Holy See": ("الكرسي الرسولي", "教廷", "Saint-Siège", "Святой Престол", "Santa Sede"),
    "State of Palestine": ("دولة فلسطين", "巴勒斯坦国", "État de Palestine", "Государство Палестина", "Estado de Palestina"),
}

# Names that are not States: observers, UN entities, groups (ar, zh, fr, ru, es).
ENTITIES = {
    "European Union": ("الاتحاد الأوروبي", "欧洲联盟", "Union européenne", "Европейский союз", "Unión Europea"),
    "Sovereign Order of Malta": ("منظمة فرسان مالطة ذات السيادة", "马耳他主权军事教团", "Ordre souverain de Malte", "Мальтийский орден", "Soberana Orden de Malta"),
    "International Committee of the Red Cross": ("لجنة الصليب الأحمر الدولية", "红十字国际委员会", "Comité international de la Croix-Rouge", "Международный комитет Красного Креста", "Comité Internacional de la Cruz Roja"),
    "International Federation of Red Cross and Red Crescent Societies": ("الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر", "红十字会与红新月会国际联合会", "Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge", "Международная федерация обществ Красного Креста и Красного Полумесяца", "Federación Internacional de Sociedades de la Cruz Roja y de la Media Luna Roja"),
    "International Organization for Migration": ("المنظمة الدولية للهجرة", "国际移民组织", "Organisation internationale pour les migrations", "Международная организация по миграции", "Organización Internacional para las Migraciones"),
    "Inter-Parliamentary Union": ("الاتحاد البرلماني الدولي", "各国议会联盟", "Union interparlementaire", "Межпарламентский союз", "Unión Interparlamentaria"),
    "Organisation of Islamic Cooperation": ("منظمة التعاون الإسلامي", "伊斯兰合作组织", "Organisation de la coopération islamique", "Организация исламского сотрудничества", "Organización de Cooperación Islámica"),
    "African Union": ("الاتحاد الأفريقي", "非洲联盟", "Union africaine", "Африканский союз", "Unión Africana"),
    "League of Arab States": ("جامعة الدول العربية", "阿拉伯国家联盟", "Ligue des États arabes", "Лига арабских государств", "Liga de los Estados Árabes"),
    "Council of Europe": ("مجلس أوروبا", "欧洲委员会", "Conseil de l’Europe", "Совет Европы", "Consejo de Europa"),
    "Organization for Security and Co-operation in Europe": ("منظمة الأمن والتعاون في أوروبا", "欧洲安全与合作组织", "Organisation pour la sécurité et la coopération en Europe", "Организация по безопасности и сотрудничеству в Европе", "Organización para la Seguridad y la Cooperación en Europa"),
    "International Criminal Police Organization (INTERPOL)": ("المنظمة الدولية للشرطة الجنائية (الإنتربول)", "国际刑事警察组织（国际刑警组织）", "Organisation internationale de police criminelle (INTERPOL)", "Международная организация уголовной полиции (Интерпол)", "Organización Internacional de Policía Criminal (INTERPOL)"),
    "United Nations Office on Drugs and Crime": ("مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "联合国毒品和犯罪问题办公室", "Office des Nations Unies contre la drogue et le crime", "Управление Организации Объединенных Наций по наркотикам и преступности", "Oficina de las Naciones Unidas contra la Droga y el Delito"),
    "International Labour Organization": ("منظمة العمل الدولية", "国际劳工组织", "Organisation internationale du Travail", "Международная организация труда", "Organización Internacional del Trabajo"),
    "Office of the United Nations High Commissioner for Human Rights": ("مفوضية الأمم المتحدة السامية لحقوق الإنسان", "联合国人权事务高级专员办事处", "Haut-Commissariat des Nations Unies aux droits de l’homme", "Управление Верховного комиссара Организации Объединенных Наций по правам человека", "Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos"),
    "United Nations Children's Fund": ("منظمة الأمم المتحدة للطفولة", "联合国儿童基金会", "Fonds des Nations Unies pour l’enfance", "Детский фонд Организации Объединенных Наций", "Fondo de las Naciones Unidas para la Infancia"),
    "United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)": ("هيئة الأمم المتحدة للمساواة بين الجنسين وتمكين المرأة (هيئة الأمم المتحدة للمرأة)", "联合国促进性别平等和增强妇女权能署（妇女署）", "Entité des Nations Unies pour l’égalité des sexes et l’autonomisation des femmes (ONU-Femmes)", "Структура Организации Объединенных Наций по вопросам гендерного равенства и расширения прав и возможностей женщин («ООН-женщины»)", "Entidad de las Naciones Unidas para la Igualdad de Género y el Empoderamiento de las Mujeres (ONU-Mujeres)"),
    "Office of the United Nations High Commissioner for Refugees": ("مفوضية الأمم المتحدة لشؤون اللاجئين", "联合国难民事务高级专员办事处", "Haut-Commissariat des Nations Unies pour les réfugiés", "Управление Верховного комиссара Организации Объединенных Наций по делам беженцев", "Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados"),
    "United Nations Development Programme": ("برنامج الأمم المتحدة الإنمائي", "联合国开发计划署", "Programme des Nations Unies pour le développement", "Программа развития Организации Объединенных Наций", "Programa de las Naciones Unidas para el Desarrollo"),
    "Inter-Agency Coordination Group against Trafficking in Persons": ("فريق التنسيق المشترك بين الوكالات لمكافحة الاتجار بالأشخاص", "打击贩运人口机构间协调小组", "Groupe interinstitutions de coordination contre la traite des personnes", "Межучрежденческая координационная группа по борьбе с торговлей людьми", "Grupo Interinstitucional de Coordinación contra la Trata de Personas"),
    "United Nations Population Fund": ("صندوق الأمم المتحدة للسكان", "联合国人口基金", "Fonds des Nations Unies pour la population", "Фонд Организации Объединенных Наций в области народонаселения", "Fondo de Población de las Naciones Unidas"),
    "United Nations Educational, Scientific and Cultural Organization": ("منظمة الأمم المتحدة للتربية والعلم والثقافة", "联合国教育、科学及文化组织", "Organisation des Nations Unies pour l’éducation, la science et la culture", "Организация Объединенных Наций по вопросам образования, науки и культуры", "Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura"),
    "World Health Organization": ("منظمة الصحة العالمية", "世界卫生组织", "Organisation mondiale de la Santé", "Всемирная организация здравоохранения", "Organización Mundial de la Salud"),
    "International Telecommunication Union": ("الاتحاد الدولي للاتصالات", "国际电信联盟", "Union internationale des télécommunications", "Международный союз электросвязи", "Unión Internacional de Telecomunicaciones"),
    "United Nations Office of Counter-Terrorism": ("مكتب الأمم المتحدة لمكافحة الإرهاب", "联合国反恐怖主义办公室", "Bureau de lutte contre le terrorisme de l’Organisation des Nations Unies", "Контртеррористическое управление Организации Объединенных Наций", "Oficina de las Naciones Unidas de Lucha contra el Terrorismo"),
    "United Nations Interregional Crime and Justice Research Institute": ("معهد الأمم المتحدة الأقاليمي لبحوث الجريمة والعدالة", "联合国区域间犯罪和司法研究所", "Institut interrégional de recherche des Nations Unies sur la criminalité et la justice", "Межрегиональный научно-исследовательский институт Организации Объединенных Наций по вопросам преступности и правосудия", "Instituto Interregional de las Naciones Unidas para Investigaciones sobre la Delincuencia y la Justicia"),
    "Group of 77 and China": ("مجموعة الـ 77 والصين", "77国集团和中国", "Groupe des 77 et la Chine", "Группа 77 и Китай", "Grupo de los 77 y China"),
    "Group of African States": ("مجموعة الدول الأفريقية", "非洲国家组", "Groupe des États d’Afrique", "Группа африканских государств", "Grupo de los Estados de África"),
    "Group of Asia-Pacific States": ("مجموعة دول آسيا والمحيط الهادئ", "亚洲-太平洋国家组", "Groupe des États d’Asie et du Pacifique", "Группа азиатско-тихоокеанских государств", "Grupo de los Estados de Asia y el Pacífico"),
    "Group of Eastern European States": ("مجموعة دول أوروبا الشرقية", "东欧国家组", "Groupe des États d’Europe orientale", "Группа восточноевропейских государств", "Grupo de los Estados de Europa Oriental"),
    "Group of Latin American and Caribbean States": ("مجموعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي", "拉丁美洲和加勒比国家组", "Groupe des États d’Amérique latine et des Caraïbes", "Группа государств Латинской Америки и Карибского бассейна", "Grupo de los Estados de América Latina y el Caribe"),
    "Group of Western European and other States": ("مجموعة دول أوروبا الغربية ودول أخرى", "西欧和其他国家组", "Groupe des États d’Europe occidentale et autres États", "Группа западноевропейских и других государств", "Grupo de los Estados de Europa Occidental y otros Estados"),
    "European Union and its member States": ("الاتحاد الأوروبي والدول الأعضاء فيه", "欧洲联盟及其成员国", "Union européenne et ses États membres", "Европейский союз и его государства-члены", "Unión Europea y sus Estados miembros"),
    "Non-Aligned Movement": ("حركة عدم الانحياز", "不结盟运动", "Mouvement des pays non alignés", "Движение неприсоединения", "Movimiento de Países No Alineados"),
    "Arab Group": ("المجموعة العربية", "阿拉伯国家集团", "Groupe des États arabes", "Группа арабских государств", "Grupo de los Estados Árabes"),
    "Caribbean Community": ("الجماعة الكاريبية", "加勒比共同体", "Communauté des Caraïbes", "Карибское сообщество", "Comunidad del Caribe"),
    "Association of Southeast Asian Nations": ("رابطة أمم جنوب شرق آسيا", "东南亚国家联盟", "Association des nations de l’Asie du Sud-Est", "Ассоциация государств Юго-Восточной Азии", "Asociación de Naciones de Asia Sudoriental"),
    "Central American Integration System": ("منظومة التكامل لأمريكا الوسطى", "中美洲一体化体系", "Système d’intégration de l’Amérique centrale", "Центральноамериканская интеграционная система", "Sistema de la Integración Centroamericana"),
    "Community of Latin American and Caribbean States": ("جماعة دول أمريكا اللاتينية ومنطقة البحر الكاريبي", "拉丁美洲和加勒比国家共同体", "Communauté des États d’Amérique latine et des Caraïbes", "Сообщество государств Латинской Америки и Карибского бассейна", "Comunidad de Estados Latinoamericanos y Caribeños"),
    "Nordic countries": ("بلدان الشمال الأوروبي", "北欧国家", "Pays nordiques", "Страны Северной Европы", "Países nórdicos"),
    "Pacific Islands Forum": ("منتدى جزر المحيط الهادئ", "太平洋岛屿论坛", "Forum des îles du Pacifique", "Форум тихоокеанских островов", "Foro de las Islas del Pacífico"),
    "Alliance of Small Island States": ("تحالف الدول الجزرية الصغيرة", "小岛屿国家联盟", "Alliance des petits États insulaires", "Альянс малых островных государств", "Alianza de los Pequeños Estados Insulares"),
    "Group of Least Developed Countries": ("مجموعة أقل البلدان نموا", "最不发达国家集团", "Groupe des pays les moins avancés", "Группа наименее развитых стран", "Grupo de los Países Menos Adelantados"),
    "Group of Landlocked Developing Countries": ("مجموعة البلدان النامية غير الساحلية", "内陆发展中国家集团", "Groupe des pays en développement sans littoral", "Группа развивающихся стран, не имеющих выхода к морю", "Grupo de los Países en Desarrollo Sin Litoral"),
    "Group of Friends United against Human Trafficking": ("مجموعة الأصدقاء المتحدين ضد الاتجار بالبشر", "打击人口贩运之友小组", "Groupe des Amis unis contre la traite des êtres humains", "Группа друзей, объединившихся против торговли людьми", "Grupo de Amigos Unidos contra la Trata de Personas"),
}


def delegations():
    """Every name of assets/delegations.ron but the aliases, in the file's order."""
    text = open(os.path.join(ROOT, "assets", "delegations.ron"), encoding="utf-8").read()
    text = text.split("aliases:")[0]
    return list(dict.fromkeys(re.findall(r'^\s*"([^"]+)",\s*$', text, re.M)))


def fold(name):
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", name).strip()


def without_marks(name):
    """`name` without Arabic short vowels, shadda and sukun (U+064B–U+0652)."""
    return re.sub("[\u064b-\u0652]", "", name)


def main():
    json_path = os.path.join(ISO, "usr/share/iso-codes/json/iso_3166-1.json")
    if not os.path.exists(json_path):
        sys.exit(f"{json_path} is missing: apt-get install iso-codes (or set ISO_CODES_ROOT)")
    countries = json.load(open(json_path, encoding="utf-8"))["3166-1"]
    by_name = {}
    for c in countries:
        for key in ("name", "common_name", "official_name"):
            if key in c:
                by_name.setdefault(fold(c[key]), c)
    catalogues = {
        lang: gettext.translation(
            "iso_3166-1", localedir=os.path.join(ISO, "usr/share/locale"), languages=[LOCALE[lang]]
        )
        for lang in LANGS
    }
    version = "iso-codes"
    changelog = os.path.join(ISO, "usr/share/doc/iso-codes/changelog.Debian.gz")
    if os.path.exists(changelog):
        import gzip
        first = gzip.open(changelog, "rt").readline()
        version = "iso-codes " + first.split("(")[1].split(")")[0]
    rows, missing = [], []
    for name in delegations():
        if name in UN_NAMES:
            rows.append([name, *UN_NAMES[name], "United Nations official short name (entered by hand)"])
        elif name in ENTITIES:
            rows.append([name, *ENTITIES[name], "United Nations usage (entered by hand)"])
        elif fold(name) in by_name:
            c = by_name[fold(name)]
            # The UN writes Arabic names without short-vowel marks (ISO's have some).
            names = [without_marks(catalogues[lang].gettext(c["name"])) for lang in LANGS]
            untranslated = [lang for lang, n in zip(LANGS, names) if n == c["name"] and lang in ("ar", "zh", "ru")]
            if untranslated:
                missing.append(f"{name}: {version} has no {', '.join(untranslated)} name")
                continue
            rows.append([name, *names, f"{version}, ISO 3166-1 {c['alpha_2']}"])
        else:
            missing.append(f"{name}: not in ISO 3166-1 by this name; add it to UN_NAMES or ENTITIES")
    if missing:
        sys.exit("\n".join(missing))
    out = os.path.join(ROOT, "assets", "delegation-names.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["english", "ar", "zh", "fr", "ru", "es", "source"])
        writer.writerows(rows)
    print(f"wrote {out}: {len(rows)} delegations and groups")


if __name__ == "__main__":
    main()

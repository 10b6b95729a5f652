"""Word lists for place finding: words that are never places, demonyms, cue phrases.

GeoNames alternate names include ordinary English words ("Area", "From", "Human",
"Police", "Union", month and day names) and person names.  Names whose normalised key is
in :data:`COMMON_WORDS` or :data:`PERSON_WORDS` are dropped when the index is built; the
project's own alias table can still add them back explicitly.
"""

from __future__ import annotations

__all__ = [
    "ADMIN1_SUFFIXES",
    "ADMIN2_SUFFIXES",
    "COMMON_WORDS",
    "DEMONYMS",
    "NEAR_AFTER",
    "NEAR_BEFORE",
    "PERSON_WORDS",
    "TITLE_WORDS",
    "words",
]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozen set."""
    return frozenset(text.split())


#: Ordinary English words (lower case, as typed) that GeoNames uses as alternate names.
COMMON_WORDS = words(
    """
    a about above across act action add after again against age ago agency agreement ahead
    aid air all allied ally along also although always am amid among an and another any
    anti area areas army around arrest arrived as at attack attacks authority away back
    bad bank base based battle be beach bear became because been before began being below
    best better between beyond big black blue board boat body border both bridge brigade
    brother brown but by call called came camp can capital car case cause center central
    centre chief child children church city civil civilian clash clashes clear close club
    coalition coast cold come command commander committee common company control corps
    council country county court cross crown current day days de dead deal death defence
    defense del democratic der des deputy despite did die died division do does dog doing
    don down du during each early east eastern economy eight eleven else end enemy energy
    even event ever every eye fact fair fall family far farm fast father few field fifth
    fight fighter fighters fighting final fire first five flag for force forces foreign
    forest fort forum four free freedom from front full further gate general given go
    god gold good government great green group groups guard gulf had half hall hand happy
    hard has have he head health heart held help her here high hill him his hit hold home
    hope hospital hot hours house how human hundred if in including independence
    independent inside interior into iron is island it its join joint just justice keep
    key kill killed king kingdom labor labour lake land large last late later law leader
    leaders league least left liberation life light like line little live local long
    lord lost low lower made main major make man many march market mass may me media
    member men middle might military militia mine minister ministry mission mobile money
    monitor more morning most mother mount mountain move movement much must my national
    navy near nearby new news next night nine no none north northern not now number of
    off office officer officers official officials old on once one only open operation
    or order other our out over own palace paradise park part party pass past patrol
    peace people plain point police popular port post power press prime prison
    protection protest protesters province public queen rain rapid ready real red
    region regional regime reported republic rescue rest return revolutionary right river
    road rock rose round royal rule rural safe said saint same say school sea second
    security seven several she ship short shot side silver since six so social soldier
    soldiers some son south southern special spring square star state states station
    still stone street strike strong student students such summer sun support supreme
    sure table take team ten than that the their them then there these they third this
    those three through time to today together told too top town trade troops true
    truth two under union unit united units unity unknown up upon upper us valley very
    victory view village violence vote war was water way we well were west western what
    when where which white who why will wind winter with within without woman women
    wood work world year years yes yet you young youth zone
    january february april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    afp sohr ypg sdf isis isil daesh nato un eu ap reuters bbc cnn
    airport camp checkpoint base barracks headquarters airstrike airstrikes shelling
    islamic kurdish kurds arab arabs turkish shia sunni christian muslim jihadist
    jihadists observatory agence presse france-presse nusra qaeda hezbollah hamas
    taliban shabaab boko haram houthi houthis wagner ansar
    """
)

#: Given names, family names and titles that surface as place alternate names.
PERSON_WORDS = words(
    """
    assad bashar hafez rami abdel abdul abd rahman mohammed mohammad muhammad mohamed
    ahmed ahmad ali hassan hussein husayn omar umar khalid khaled ibrahim ismail youssef
    yusuf mustafa mahmoud mahmud salim salem said saeed karim kareem hamid hamad jamal
    nasser nasr abdullah abdallah osama usama hasan fatima aisha maryam mariam zainab
    putin trump biden obama erdogan netanyahu lavrov kerry pompeo blinken zelensky
    baghdadi zawahiri bin laden nasrallah sisi maduro
    john james william george charles thomas joseph david michael robert richard paul mark
    peter mary elizabeth anna john smith jones johnson brown davis miller wilson
    """
)

#: Words that introduce a person, not a place ("President X", "Gen. X").
TITLE_WORDS = words(
    """
    mr mrs ms dr president gen general col colonel maj major lt capt captain sgt minister
    sheikh imam prince king queen pope commander spokesman spokeswoman leader chief
    prime premier senator governor mayor judge brigadier emir
    """
)

#: Demonyms and adjectives that name a country (lower case) -> ISO 3166-1 alpha-2.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT",
    "azerbaijani": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY",
    "belgian": "BE", "beninese": "BJ", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR",
    "british": "GB", "bulgarian": "BG", "burkinabe": "BF", "burmese": "MM", "burundian": "BI",
    "cambodian": "KH", "cameroonian": "CM", "canadian": "CA", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD",
    "croatian": "HR", "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK",
    "djiboutian": "DJ", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG",
    "emirati": "AE", "eritrean": "ER", "ethiopian": "ET", "filipino": "PH", "finnish": "FI",
    "french": "FR", "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "guinean": "GN", "haitian": "HT",
    "honduran": "HN", "hungarian": "HU", "indian": "IN", "indonesian": "ID",
    "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT",
    "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kenyan": "KE", "korean": "KR", "kosovar": "XK", "kuwaiti": "KW",
    "kyrgyz": "KG", "lebanese": "LB", "liberian": "LR", "libyan": "LY",
    "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY",
    "malian": "ML", "mauritanian": "MR", "mexican": "MX", "moldovan": "MD",
    "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ",
    "namibian": "NA", "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI",
    "nigerian": "NG", "nigerien": "NE", "norwegian": "NO", "omani": "OM",
    "pakistani": "PK", "palestinian": "PS", "panamanian": "PA", "paraguayan": "PY",
    "peruvian": "PE", "philippine": "PH", "polish": "PL", "portuguese": "PT",
    "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW", "saudi": "SA",
    "senegalese": "SN", "serbian": "RS", "sierra leonean": "SL", "slovak": "SK",
    "somali": "SO", "somalian": "SO", "south african": "ZA", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM",
    "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY", "uzbek": "UZ",
    "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM",
    "zimbabwean": "ZW", "american": "US", "salvadoran": "SV", "costa rican": "CR",
    "dominican": "DO", "kurdistan": "IQ",
}

#: Words after a name that make it an admin1 mention (precision 3).
ADMIN1_SUFFIXES = words(
    "province provinces governorate governorates region state oblast wilaya wilayah "
    "muhafazah prefecture department region's province's governorate's"
)

#: Words after a name that make it a district mention (coded to the town, precision 2).
ADMIN2_SUFFIXES = words(
    "district districts municipality county subdistrict sub-district commune rayon "
    "raion lga locality sector territory woreda zone nahiya"
)

#: Words just after a name that make the location "near / part of" it (precision 2).
NEAR_AFTER = words(
    "area areas countryside outskirts suburbs suburb vicinity environs surroundings "
    "desert plains plain mountains region's"
)

#: Words (lower case) that, within a few words before a name, make it precision 2.
NEAR_BEFORE = words(
    "near nearby outskirts outside countryside vicinity around surrounding suburbs "
    "suburb edge edges entrance entrances environs close north south east west northeast "
    "northwest southeast southwest northern southern eastern western km kilometres "
    "kilometers miles"
)

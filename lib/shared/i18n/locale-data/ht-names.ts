/**
 * Every country and territory of lib/shared/countries/iso3166.ts named in Haitian Creole, by its
 * ISO 3166-1 alpha-2 code. Browsers carry no Creole names, and CLDR's "ht" data is French
 * ("Afrique du Sud", "Haïti"), so Puerta ships its own. Kept as one string: about 3 KB that only
 * the pages naming countries load.
 */
export const htRegions =
  "AF:Afganistan|AX:Zile Aland|AL:Albani|DZ:Aljeri|AS:Samoa Ameriken|AD:Andò|AO:Angola|AI:Angiya|" +
  "AQ:Antatik|AG:Antigwa ak Babouda|AR:Ajantin|AM:Ameni|AW:Awouba|AU:Ostrali|AT:Otrich|AZ:Azèbayjan|" +
  "BS:Bahamas|BH:Bahreyn|BD:Bangladèch|BB:Babad|BY:Belaris|BE:Bèljik|BZ:Beliz|BJ:Benen|BM:Bèmid|" +
  "BT:Boutan|BO:Bolivi|BQ:Karayib Olandè|BA:Bosni ak Èzegovin|BW:Botswana|BV:Zile Bouvet|BR:Brezil|" +
  "IO:Teritwa Britanik Oseyan Endyen|BN:Brouney|BG:Bilgari|BF:Boukina Faso|BI:Bouroundi|CV:Kap Vè|" +
  "KH:Kanbòdj|CM:Kamewoun|CA:Kanada|KY:Zile Kayiman|CF:Repiblik Santrafrik|TD:Tchad|CL:Chili|" +
  "CN:Lachin|CX:Zile Nwèl|CC:Zile Kokos|CO:Kolonbi|KM:Komò|CG:Kongo|CD:Repiblik Demokratik Kongo|" +
  "CK:Zile Kouk|CR:Kosta Rika|CI:Kòt Divwa|HR:Kwoasi|CU:Kiba|CW:Kiraso|CY:Chip|CZ:Repiblik Tchèk|" +
  "DK:Danmak|DJ:Djibouti|DM:Dominik|DO:Repiblik Dominikèn|EC:Ekwatè|EG:Ejip|SV:Salvadò|" +
  "GQ:Gine Ekwatoryal|ER:Eritre|EE:Estoni|SZ:Eswatini|ET:Etyopi|FK:Zile Malwin|FO:Zile Fewo|FJ:Fidji|" +
  "FI:Fenlann|FR:Lafrans|GF:Giyàn Fransè|PF:Polinezi Fransè|TF:Teritwa Fransè Sid yo|GA:Gabon|" +
  "GM:Ganbi|GE:Jeyòji|DE:Almay|GH:Gana|GI:Jibralta|GR:Grès|GL:Groenlann|GD:Grenad|GP:Gwadloup|" +
  "GU:Gwam|GT:Gwatemala|GG:Gènezi|GN:Gine|GW:Gine-Bisawo|GY:Giyana|HT:Ayiti|" +
  "HM:Zile Heard ak Zile McDonald|VA:Vatikan|HN:Ondiras|HK:Hong Kong|HU:Ongri|IS:Islann|IN:Lend|" +
  "ID:Endonezi|IR:Iran|IQ:Irak|IE:Ilann|IM:Zile Man|IL:Izrayèl|IT:Itali|JM:Jamayik|JP:Japon|JE:Jèze|" +
  "JO:Jòdani|KZ:Kazakstan|KE:Kenya|KI:Kiribati|KP:Kore di Nò|KR:Kore di Sid|KW:Kowet|KG:Kigizistan|" +
  "LA:Laos|LV:Letoni|LB:Liban|LS:Lezoto|LR:Liberya|LY:Libi|LI:Lichtènstayn|LT:Lityani|LU:Liksanbou|" +
  "MO:Makao|MG:Madagaska|MW:Malawi|MY:Malezi|MV:Maldiv|ML:Mali|MT:Malt|MH:Zile Machal|MQ:Matinik|" +
  "MR:Moritani|MU:Moris|YT:Mayòt|MX:Meksik|FM:Mikwonezi|MD:Moldavi|MC:Monako|MN:Mongoli|" +
  "ME:Montenegwo|MS:Montsera|MA:Mawòk|MZ:Mozanbik|MM:Myanma|NA:Namibi|NR:Nawou|NP:Nepal|NL:Peyiba|" +
  "NC:Nouvèl Kaledoni|NZ:Nouvèl Zelann|NI:Nikaragwa|NE:Nijè|NG:Nijerya|NU:Niwe|NF:Zile Nòfòk|" +
  "MK:Masedwàn di Nò|MP:Zile Mayann di Nò|NO:Nòvèj|OM:Oman|PK:Pakistan|PW:Palaou|PS:Palestin|" +
  "PA:Panama|PG:Papwazi Nouvèl Gine|PY:Paragwe|PE:Pewou|PH:Filipin|PN:Zile Pitkèn|PL:Polòy|" +
  "PT:Pòtigal|PR:Pòtoriko|QA:Katar|RE:Larenyon|RO:Woumani|RU:Larisi|RW:Rwanda|BL:Sen Batelmi|" +
  "SH:Sent Elèn|KN:Sen Kits ak Nevis|LC:Sent Lisi|MF:Sen Maten (pati fransè)|PM:Sen Pyè ak Miklon|" +
  "VC:Sen Vensan ak Grenadin|WS:Samoa|SM:San Marino|ST:Sawo Tome ak Prensip|SA:Arabi Sawoudit|" +
  "SN:Senegal|RS:Sèbi|SC:Seychèl|SL:Syera Leòn|SG:Sengapou|SX:Sen Maten (pati olandè)|SK:Slovaki|" +
  "SI:Sloveni|SB:Zile Salomon|SO:Somali|ZA:Afrik di Sid|GS:Jeyòji di Sid ak Zile Sandwich di Sid|" +
  "SS:Soudan di Sid|ES:Espay|LK:Sri Lanka|SD:Soudan|SR:Sirinam|SJ:Svalbard ak Jan Mayen|SE:Syèd|" +
  "CH:Swis|SY:Siri|TW:Taywann|TJ:Tadjikistan|TZ:Tanzani|TH:Tayilann|TL:Timò Lès|TG:Togo|" +
  "TK:Tokelaou|TO:Tonga|TT:Trinidad ak Tobago|TN:Tinizi|TR:Tiki|TM:Tikmenistan|" +
  "TC:Zile Tik ak Kayik|TV:Touvalou|UG:Ouganda|UA:Ikrèn|AE:Emira Arab Ini|GB:Wayòm Ini|US:Etazini|" +
  "UM:Ti zile lwen Etazini yo|UY:Irigwe|UZ:Ouzbekistan|VU:Vanouatou|VE:Venezyela|VN:Vyetnam|" +
  "VG:Zile Vyèj Britanik|VI:Zile Vyèj Ameriken|WF:Walis ak Fitina|EH:Sahara Oksidantal|YE:Yemèn|" +
  "ZM:Zanbi|ZW:Zimbabwe";

/** The languages of lib/scheduling/client/languages.ts in Creole. */
export const htLanguages: Readonly<Record<string, string>> = {
  es: "Panyòl", en: "Anglè", ht: "Kreyòl ayisyen", pt: "Pòtigè", fr: "Franse", ru: "Ris", ar: "Arab",
  uk: "Ikrenyen", tr: "Tik", zh: "Chinwa", hi: "Endi", ro: "Woumen", am: "Amarik", ti: "Tigrinya",
  wo: "Wolòf", ka: "Jeyòjyen", uz: "Ouzbèk", ky: "Kigiz", tg: "Tadjik", ps: "Pachtou", fa: "Pèsan",
  bn: "Bengali", vi: "Vyetnamyen",
};

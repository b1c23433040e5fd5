"""Add the actors the corpus uses but the gazetteer lacks to `actors.yaml`.

    python data/gazetteer/add_from_corpus.py            # list what is missing, then add it
    python data/gazetteer/add_from_corpus.py --dry-run  # only list

Reads every mention's `actor` in `data/venezuela/train.jsonl` and `dev.jsonl` (never
`test.jsonl`, the held-out split), lists the ids that `actors.yaml` does not define with
their surface forms and counts, and appends an entry for each in the file's own style
(block mappings, flow lists):

* people: `name` is the fullest surface form the corpus uses; `aliases` are the other
  forms, the unaccented spellings and the surname alone (from `INFO` where the surname is
  not the last word: `Abiy`, `Ndong Mba`, `de Zela`, or where it must not be added);
* organisations: `name` plus the usual abbreviations;
* states the new actors belong to (`CUW`, `PRI`) as states, in alphabetical place.

`country` and `role` come from the curated table `INFO` below (the corpus does not say
them); an id missing from it stops the script. A form that another actor already uses is
marked `ambiguous` in both (the README's rule), and the `ambiguous` lines of the existing
actors concerned are rewritten in place. Forms listed in `FORMS` are added to actors that
already exist (`Treasury` for the United States), for the forms the corpus tags and the
annotation guidelines count as mentions. The script is idempotent: a second run finds
nothing to add.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
YAML_PATH = HERE / "actors.yaml"
CORPUS = [ROOT / "data" / "venezuela" / "train.jsonl", ROOT / "data" / "venezuela" / "dev.jsonl"]

# id | country | role | extra aliases (;) | surname (- for none, empty for the last word) | ambiguous (;)
INFO = """
CUW | | Constituent country of the Kingdom of the Netherlands | Curacao | | 
PRI | | US territory | Commonwealth of Puerto Rico | |
abbas-mousavi | IRN | Spokesman of Iran's foreign ministry | | |
abdulla-shahid | MDV | Foreign minister of the Maldives; President of the UN General Assembly 2021-22 | | |
abiy-ahmed | ETH | Prime minister of Ethiopia | Abiy Ahmed Ali | Abiy |
ak-abdul-momen | BGD | Foreign minister of Bangladesh | A.K. Abdul Momen;Abdul Momen | Momen |
albert-rivera | ESP | Leader of Ciudadanos, Spanish liberal party, until 2019 | | | Rivera
alejandro-mayorkas | USA | US secretary of homeland security from 2021 | | |
alessandro-di-battista | ITA | Five Star Movement politician | | Di Battista |
alexandra-hill | SLV | Foreign minister of El Salvador | Alexandra Hill Tinoco;Hill Tinoco | Hill | Hill
alicia-castro | ARG | Argentine diplomat, nominated ambassador to Russia | | | Castro
allen-chastanet | LCA | Prime minister of Saint Lucia | | |
alpha-conde | GIN | President of Guinea | | |
ana-gomes | PRT | Portuguese former diplomat, Socialist MEP 2004-2019 | | | Gomes
anatolio-ndong-mba | GNQ | Ambassador of Equatorial Guinea to the UN | | Ndong Mba |
anders-samuelsen | DNK | Foreign minister of Denmark | | |
andrei-kortunov | RUS | Director general of the Russian International Affairs Council | | |
andrej-babis | CZE | Prime minister of the Czech Republic | | |
andrej-danko | SVK | Speaker of the Slovak parliament, leader of the Slovak National Party | | |
andrew-soper | GBR | British ambassador to Venezuela | | |
ann-linde | SWE | Foreign minister of Sweden | | |
anna-naghdalyan | ARM | Spokeswoman of Armenia's foreign ministry | | |
anniken-huitfeldt | NOR | Foreign minister of Norway | | |
antonio-denarium | BRA | Governor of Roraima | Antônio Denarium | |
antonio-sequea | VEN | Rebel army captain captured in Operation Gideon (Guaidó camp) | | |
anze-logar | SVN | Foreign minister of Slovenia | | |
argenis-chavez | VEN | Hugo Chávez's brother, PSUV candidate in Barinas (Maduro camp) | | - |
asbina-marin | VEN | Maduro's envoy to the OAS (Maduro camp) | | |
ashraf-ghani | AFG | President of Afghanistan until 2021 | | |
aurelien-agbenonci | BEN | Foreign minister of Benin | | |
bahram-qasemi | IRN | Spokesman of Iran's foreign ministry | Bahram Ghasemi | |
baltasar-garzon | ESP | Former Spanish judge, lawyer of Alex Saab | | |
benigno-alarcon | VEN | Political scientist, Andrés Bello Catholic University | | |
benjamin-griveaux | FRA | French government spokesman | | |
bill-richardson | USA | Former governor of New Mexico, hostage negotiator | | | Richardson
bob-loughman | VUT | Prime minister of Vanuatu | | |
boyko-borisov | BGR | Prime minister of Bulgaria | | |
carissa-etienne | DMA | Director of the Pan American Health Organization | | | Etienne
carl-greenidge | GUY | Foreign minister of Guyana | | |
carlos-mesa | BOL | Former president of Bolivia, opposition candidate in 2019 | | | Mesa
carlos-raimundi | ARG | Argentina's ambassador to the OAS | | |
carlos-scull | VEN | Guaidó's representative in Peru (Guaidó camp) | | |
carlos-trujillo | USA | US ambassador to the OAS | | | Trujillo
carmelo-abela | MLT | Foreign minister of Malta | | |
chris-williamson | GBR | British Labour MP, ally of Jeremy Corbyn | | | Williamson
christian-kruger | COL | Director of Migración Colombia | | | Krüger
christoph-heusgen | DEU | German ambassador to the UN | | |
chung-eui-yong | KOR | Foreign minister of South Korea | | Chung | Chung
conrado-perez | VEN | Deputy accused in the Parra vote-buying scheme (Maduro camp) | Conrado Perez | | Pérez;Perez
daniel-jadue | CHL | Communist mayor of Recoleta (Santiago) | | |
darren-henfield | BHS | Foreign minister of the Bahamas | | |
david-kabua | MHL | President of the Marshall Islands | | |
david-olsen | VEN | Guaidó's ambassador to Paraguay (Guaidó camp) | | |
david-panuelo | FSM | President of Micronesia | | |
david-smilde | USA | Venezuela specialist, Tulane University and WOLA | | |
desi-bouterse | SUR | President of Suriname until 2020 | | |
dharmendra-pradhan | IND | Oil minister of India | | |
dian-triansyah-djani | IDN | Ambassador of Indonesia to the UN | | Djani |
diego-molano | COL | Defence minister of Colombia from 2021 | | |
edgar-lungu | ZMB | President of Zambia | | |
edgars-rinkevics | LVA | Foreign minister of Latvia | | |
edi-rama | ALB | Prime minister of Albania | | | Rama
ekaterina-zaharieva | BGR | Foreign minister of Bulgaria | | |
elmar-mammadyarov | AZE | Foreign minister of Azerbaijan | | |
emmerson-mnangagwa | ZWE | President of Zimbabwe | | |
esteban-gonzalez-pons | ESP | Spanish member of the European Parliament (EPP) | | González Pons |
euclides-acevedo | PRY | Foreign minister of Paraguay | | |
eugene-rhuggenaath | CUW | Prime minister of Curaçao | | |
evan-ellis | USA | Latin America analyst, US Army War College | R. Evan Ellis | |
evaristo-carvalho | STP | President of São Tomé and Príncipe | | |
faustin-archange-touadera | CAF | President of the Central African Republic | | |
fayez-al-sarraj | LBY | Prime minister of Libya's UN-recognised Government of National Accord 2016-2021 | | |
femi-falana | NGA | Nigerian rights lawyer, lawyer of Alex Saab | | |
fernando-martinez-mottola | VEN | Opposition negotiator (Guaidó camp) | | Martínez Mottola |
fiame-naomi-mataafa | WSM | Prime minister of Samoa | | Mata'afa |
francisco-cox | CHL | Member of the UN fact-finding mission on Venezuela | | |
francisco-franco | ESP | Dictator of Spain 1939-1975 | Francisco Franco | - | Franco
francisco-guterres | TLS | President of Timor-Leste; surname alone not added (it is António Guterres) | Lu-Olo;Lú-Olo | - |
francisco-monaldi | VEN | Energy economist, Rice University | | |
francisco-rodriguez | VEN | Venezuelan economist | | | Rodríguez;Rodriguez
francisco-toro | VEN | Venezuelan political commentator, Caracas Chronicles | | | Toro
francois-delattre | FRA | French ambassador to the UN | Francois Delattre | |
frank-bainimarama | FJI | Prime minister of Fiji | Voreqe Bainimarama | |
franklyn-duarte | VEN | Deputy of the Parra faction, sanctioned (Maduro camp) | | | Duarte
gabriel-boric | CHL | President of Chile from 2022 | | |
gent-cakaj | ALB | Acting foreign minister of Albania | | |
geoff-ramsey | USA | Venezuela director, Washington Office on Latin America | | |
george-w-bush | USA | President of the United States 2001-2009 | | | Bush
george-weah | LBR | President of Liberia | | |
gerardo-fernandez-norona | MEX | Mexican deputy of the Labour Party (PT), allied with Morena | | Fernández Noroña |
ghulam-isaczai | AFG | Afghanistan's ambassador to the UN (appointed by the Ghani government) | | |
giorgos-katrougalos | GRC | Foreign minister of Greece | | |
gudlaugur-thor-thordarson | ISL | Foreign minister of Iceland | | Þórðarson;Thordarson |
hector-bejar | PER | Foreign minister of Peru in 2021 | | |
hojjatollah-soltani | IRN | Iran's ambassador to Venezuela | | |
horacio-medina | VEN | Chair of the Guaidó-appointed PDVSA ad hoc board from 2020 (Guaidó camp) | | | Medina
hubert-minnis | BHS | Prime minister of the Bahamas | | |
hugo-de-zela | PER | Peru's candidate for OAS secretary general | | de Zela |
hun-sen | KHM | Prime minister of Cambodia; `Hun` alone is not used | | - |
ignazio-cassis | CHE | Foreign minister of Switzerland | | |
igor-gavidia | VEN | Electricity minister (Maduro camp) | | |
ilham-aliyev | AZE | President of Azerbaijan | | |
iliana-ruzza | VEN | First vice president of the Central Bank of Venezuela, sanctioned (Maduro camp) | | |
irwin-larocque | DMA | Secretary-general of CARICOM | | |
isabel-brilhante-pedrosa | PRT | EU ambassador to Venezuela | | Brilhante Pedrosa |
isabel-de-saint-malo | PAN | Foreign minister of Panama | Isabel Saint Malo | Saint Malo | Saint Malo
isabel-diaz-ayuso | ESP | President of the Community of Madrid from 2019 | | Díaz Ayuso |
isabel-santos | PRT | Portuguese MEP, chief of the EU observer mission 2021 | | | Santos
ivica-dacic | SRB | Foreign minister of Serbia | | |
jacek-czaputowicz | POL | Foreign minister of Poland | | |
james-marape | PNG | Prime minister of Papua New Guinea | | |
janez-jansa | SVN | Prime minister of Slovenia from 2020 | | |
janine-lelis | CPV | Justice minister of Cape Verde | | |
javier-alvarado | VEN | Former head of the state power company, accused of corruption | | | Alvarado
javier-mayorca | VEN | Venezuelan journalist covering crime and the military | | |
javier-nieto-quintero | VEN | Dissident army captain, Operation Gideon (Guaidó camp) | | Nieto Quintero |
jean-asselborn | LUX | Foreign minister of Luxembourg | | |
jean-luc-melenchon | FRA | Leader of La France Insoumise, French left party | | |
joanna-wronecka | POL | Ambassador of Poland to the UN | | |
john-magufuli | TZA | President of Tanzania | | |
jonas-gahr-store | NOR | Prime minister of Norway from 2021; `Store` alone not added (a common word) | | Støre |
jose-colina | VEN | Head of Veppex, a group of Venezuelan political exiles in Florida (Guaidó camp) | | | Colina
jose-luis-martinez-almeida | ESP | Mayor of Madrid | | Martínez-Almeida |
jose-luis-silva | VEN | Military attaché in Washington who defected (Guaidó camp) | | | Silva
jose-manuel-olivares | VEN | Opposition deputy and doctor (Guaidó camp) | | | Olivares
jose-mujica | URY | President of Uruguay 2010-2015 | Pepe Mujica | |
jose-singer | DOM | Ambassador of the Dominican Republic to the UN | | | Singer
joseph-muscat | MLT | Prime minister of Malta; `Muscat` alone not added (Oman's capital) | | - |
joseph-wu | TWN | Foreign minister of Taiwan | | | Wu
juan-jose-marquez | VEN | Guaidó's uncle, detained in 2020 (Guaidó camp) | | | Márquez;Marquez
julio-castro | VEN | Physician, health adviser to the opposition (Guaidó camp) | | | Castro
julius-maada-bio | SLE | President of Sierra Leone | | Maada Bio |
julius-malema | ZAF | Leader of the Economic Freedom Fighters | | |
karen-pierce | GBR | British ambassador to the UN | | |
karin-kneissl | AUT | Foreign minister of Austria | | |
kassym-jomart-tokayev | KAZ | President of Kazakhstan | | |
katherine-polk-failla | USA | US district judge, Southern District of New York | | |
kausea-natano | TUV | Prime minister of Tuvalu | | |
keiko-fujimori | PER | Leader of Popular Force, Peruvian opposition | | | Fujimori
khalifa-haftar | LBY | Commander of the eastern-based Libyan National Army | | |
klaus-iohannis | ROU | President of Romania | | |
konstantin-kosachev | RUS | Chairman of the Federation Council's foreign affairs committee | | |
kp-sharma-oli | NPL | Prime minister of Nepal | K.P. Sharma Oli;Sharma Oli | Oli | Oli
le-thi-thu-hang | VNM | Spokeswoman of Vietnam's foreign ministry; `Hang` alone not added (a common word) | | - |
leonard-stark | USA | US district judge in Delaware (Crystallex case) | | | Stark
lester-toledo | VEN | Guaidó's coordinator of humanitarian aid (Guaidó camp) | | | Toledo
lia-quartapelle | ITA | Italian Democratic Party deputy | | |
linas-linkevicius | LTU | Foreign minister of Lithuania | | |
linda-thomas-greenfield | USA | US ambassador to the UN from 2021 | | Thomas-Greenfield |
lionel-aingimea | NRU | President of Nauru | | |
lubos-blaha | SVK | Slovak lawmaker of the governing Smer party | | |
luis-filipe-tavares | CPV | Foreign minister of Cape Verde | | |
luis-pacheco | VEN | Head of the Guaidó-appointed PDVSA ad hoc board 2019-2020 (Guaidó camp) | | | Pacheco
luis-vicente-leon | VEN | Pollster, president of Datanálisis | | León | León;Leon
luisa-palacios | VEN | Chair of the Guaidó-appointed Citgo board (Guaidó camp) | | | Palacios
mahathir-mohamad | MYS | Prime minister of Malaysia | | Mahathir |
mahmoud-ahmadinejad | IRN | President of Iran 2005-2013 | | |
mamadou-tangara | GMB | Foreign minister of the Gambia | | |
manasseh-sogavare | SLB | Prime minister of the Solomon Islands | | |
mansour-al-otaibi | KWT | Ambassador of Kuwait to the UN | | Al-Otaibi |
manuel-noriega | PAN | Military ruler of Panama, ousted by the US in 1989 | | |
marc-pecsteen-de-buytswerve | BEL | Ambassador of Belgium to the UN | | Pecsteen |
maria-dolores-aguero | HND | Foreign minister of Honduras | | Agüero |
maria-eugenia-tovar | VEN | Venezuelan opposition activist in Madrid (Guaidó camp); `Tovar` alone not added (a common surname) | | - |
maria-faria | VEN | Guaidó's ambassador to Costa Rica (Guaidó camp) | | | Faría
maria-fernanda-espinosa | ECU | Former foreign minister of Ecuador, President of the UN General Assembly 2018-19 | | |
maria-ubach | AND | Foreign minister of Andorra | | |
marija-pejcinovic-buric | HRV | Foreign minister of Croatia | | Pejčinović Burić |
marine-le-pen | FRA | Leader of the National Rally, French far-right party | | |
marise-payne | AUS | Foreign minister of Australia | | |
marjan-sarec | SVN | Prime minister of Slovenia until 2020 | | |
marshall-billingslea | USA | US Treasury assistant secretary for terrorist financing | | |
martina-fietz | DEU | German government deputy spokeswoman | | |
mauricio-montalvo | ECU | Foreign minister of Ecuador in 2021 | | |
melanie-joly | CAN | Foreign minister of Canada from 2021 | | |
michael-shifter | USA | President of the Inter-American Dialogue | | |
miguel-albuquerque | PRT | President of the regional government of Madeira | | | Albuquerque
miguel-vargas | DOM | Foreign minister of the Dominican Republic; `Vargas` alone not added (a Venezuelan state) | | - |
milos-zeman | CZE | President of the Czech Republic | | |
miro-cerar | SVN | Foreign minister of Slovenia until 2020 | | |
miroslav-lajcak | SVK | Foreign minister of Slovakia | | |
mohamed-abdullahi-farmaajo | SOM | President of Somalia | Mohamed Abdullahi Mohamed | Farmaajo |
mohamed-ould-ghazouani | MRT | President of Mauritania | | Ghazouani |
mohammad-barkindo | NGA | Secretary-general of OPEC | | |
moussa-faki-mahamat | TCD | Chairperson of the African Union Commission | Moussa Faki | Faki |
nanaia-mahuta | NZL | Foreign minister of New Zealand from 2020 | | |
nazhat-shameem-khan | FJI | Ambassador of Fiji in Geneva, President of the UN Human Rights Council 2021 | Shameem Khan | | Khan
nervis-villalobos | VEN | Former deputy energy minister under Chávez, accused of corruption | | | Villalobos
nicola-renzi | SMR | Foreign affairs secretary of San Marino | | |
nigel-teare | GBR | Judge of the High Court of England and Wales | | |
nikol-pashinyan | ARM | Prime minister of Armenia | | |
nikos-christodoulides | CYP | Foreign minister of Cyprus | | |
nikos-dendias | GRC | Foreign minister of Greece from 2019 | | |
nikos-vardakis | GRC | Shipbroker in Athens; fictional (corpus example) | | |
oscar-maurtua | PER | Foreign minister of Peru from 2021 | | |
patricia-bullrich | ARG | Security minister of Argentina 2015-2019, opposition leader | | |
paul-kagame | RWA | President of Rwanda | | |
pavel-filip | MDA | Prime minister of Moldova | | | Filip
pavlo-klimkin | UKR | Foreign minister of Ukraine | | |
peter-david | GRD | Foreign minister of Grenada | | | David
peter-szijjarto | HUN | Foreign minister of Hungary | | |
petro-poroshenko | UKR | President of Ukraine until 2019 | | |
pham-binh-minh | VNM | Foreign minister of Vietnam | | Minh | Minh
phil-gunson | GBR | Caracas-based analyst, International Crisis Group | | |
raveesh-kumar | IND | Spokesman of India's foreign ministry | | | Kumar
retno-marsudi | IDN | Foreign minister of Indonesia | | |
ricardo-rossello | PRI | Governor of Puerto Rico | | |
ricardo-villasmil | VEN | Head of the Guaidó-appointed central bank board (Guaidó camp) | | |
richard-gowan | GBR | UN director, International Crisis Group | | |
richard-sulik | SVK | Leader of Freedom and Solidarity, Slovak opposition party | | |
riyad-al-maliki | PSE | Foreign minister of Palestine | Riyad Al-Maliki;Riyad al-Malki | al-Maliki | al-Maliki
robert-mugabe | ZWE | President of Zimbabwe until 2017 | | |
rodrigo-duterte | PHL | President of the Philippines | | |
rodrigo-maia | BRA | Speaker of Brazil's Chamber of Deputies 2016-2021 | | | Maia
ronald-sanders | ATG | Ambassador of Antigua and Barbuda to the OAS | | | Sanders
roosevelt-skerrit | DMA | Prime minister of Dominica | | |
ruhsar-pekcan | TUR | Trade minister of Turkey | | |
rumen-radev | BGR | President of Bulgaria | | |
ryan-berg | USA | Latin America analyst, American Enterprise Institute | | | Berg
saleumxay-kommasith | LAO | Foreign minister of Laos | | |
salvador-allende | CHL | President of Chile 1970-1973 | | | Allende
sam-mugabi | UGA | Ugandan lawmaker; fictional (corpus example) | | |
sandra-jovel | GTM | Foreign minister of Guatemala | | |
sarosh-zaiwalla | GBR | Lawyer of Maduro's central bank board (Maduro camp) | | |
sergey-melik-bagdasarov | RUS | Russian ambassador to Venezuela | Sergei Melik-Bagdasarov | |
sevim-dagdelen | DEU | Die Linke member of the Bundestag | | |
shah-mahmood-qureshi | PAK | Foreign minister of Pakistan | | |
shavkat-mirziyoyev | UZB | President of Uzbekistan | | |
silvio-berlusconi | ITA | Forza Italia leader, former prime minister of Italy | | |
simon-bolivar | VEN | Independence leader (died 1830); `Bolívar` alone not added (the currency, the state) | Simon Bolivar | - |
stuart-young | TTO | National security minister of Trinidad and Tobago | | | Young
surangel-whipps-jr | PLW | President of Palau from 2021 | Surangel Whipps;Surangel Whipps Jr | Whipps |
sven-mikser | EST | Foreign minister of Estonia | | |
taneti-maamau | KIR | President of Kiribati | | |
teodor-melescanu | ROU | Foreign minister of Romania | Teodor Meleşcanu | |
teodoro-locsin-jr | PHL | Foreign secretary of the Philippines | Teodoro Locsin;Teodoro Locsin Jr;Teddy Locsin | Locsin |
teodoro-obiang | GNQ | President of Equatorial Guinea | | Obiang |
timo-soini | FIN | Foreign minister of Finland | | |
timothy-harris | KNA | Prime minister of Saint Kitts and Nevis, CARICOM chair | | | Harris
tomas-petricek | CZE | Foreign minister of the Czech Republic | | |
tommy-remengesau | PLW | President of Palau until 2021 | Tommy Remengesau Jr. | |
toshimitsu-motegi | JPN | Foreign minister of Japan | | |
ulisses-correia-e-silva | CPV | Prime minister of Cape Verde | | Correia e Silva |
vasily-tonkoshkurov | RUS | Chief of staff of Russia's ground forces | Vasiliy Tonkoshkurov | |
vito-petrocelli | ITA | Five Star Movement senator, chair of the Senate foreign affairs committee | | |
vivian-balakrishnan | SGP | Foreign minister of Singapore | | |
vladimir-cerron | PER | Leader of the Peruvian party Free Peru (Perú Libre) | | |
vladimir-makei | BLR | Foreign minister of Belarus | Uladzimir Makei | |
wendy-morton | GBR | British minister for the Americas | | |
wilfred-elrington | BLZ | Foreign minister of Belize | | |
william-castillo | VEN | Deputy foreign minister (Maduro camp) | | | Castillo
winston-peters | NZL | Foreign minister of New Zealand until 2020 | | |
wu-haitao | CHN | China's deputy ambassador to the UN | | Wu | Wu
yemane-gebremeskel | ERI | Information minister of Eritrea | Yemane G. Meskel | Yemane |
yldiz-pollack-beighle | SUR | Foreign minister of Suriname | | |
yoweri-museveni | UGA | President of Uganda | | |
yuri-pimentel | VEN | Vice foreign minister for Africa (Maduro camp) | | |
afd | DEU | German far-right party (Alternative für Deutschland) | AfD | |
african-gold-refinery | UGA | Gold refinery in Entebbe, Uganda | | |
american-enterprise-institute | USA | Think tank | AEI | |
anc | ZAF | Ruling party of South Africa | ANC | | ANC
arctic-council | | Intergovernmental forum of the Arctic states | | |
asean | | Regional bloc of Southeast Asia | ASEAN | |
associated-press | USA | News agency | | |
ballito-bay-shipping | LBR | Liberia-registered shipping company, sanctioned by the US in 2019 for carrying Venezuelan oil to Cuba | | |
banca-privada-d-andorra | AND | Andorran bank, taken over by regulators in 2015 | BPA | |
banco-espirito-santo | PRT | Portuguese bank, collapsed in 2014 | BES | |
bloco-de-esquerda | PRT | Portuguese left party (Bloco de Esquerda) | | |
bulgarian-socialist-party | BGR | Bulgarian opposition party | | |
bundestag | DEU | German federal parliament | | |
cadem | CHL | Chilean polling firm | | |
calder-peak-capital | USA | Investment firm, holder of PDVSA bonds; fictional (corpus example) | | |
cape-verde-constitutional-court | CPV | Cape Verde's Constitutional Court | | | Constitutional Court
cape-verde-supreme-court | CPV | Cape Verde's highest court | Supreme Court of Justice;Supremo Tribunal de Justiça | | Supreme Court of Justice
china-development-bank | CHN | State policy bank, main lender to Venezuela | | |
chp | TUR | Main Turkish opposition party | CHP | |
ciudadanos | ESP | Spanish liberal party | | |
code-pink | USA | US antiwar group | | |
communist-party-chile | CHL | Chilean communist party | | | Communist Party
congress-of-peru | PER | Legislature of Peru | Peruvian Congress;Congress of Peru | |
control-ciudadano | VEN | Venezuelan NGO monitoring the security sector | | |
conviasa | VEN | State airline of Venezuela | CONVIASA | |
corpoelec | VEN | State power company of Venezuela | CORPOELEC | |
csto | | Russian-led military alliance | CSTO | |
democratic-alliance | ZAF | South African opposition party | | | Democratic Alliance
democratic-party-italy | ITA | Italian centre-left party | PD | | Democratic Party;PD
die-linke | DEU | German left party | | |
ecowas | | Regional bloc of West Africa | ECOWAS | |
ecowas-court | | Court of the Economic Community of West African States | ECOWAS Court;Community Court of Justice of ECOWAS | |
eff | ZAF | South African left opposition party of Julius Malema | EFF | |
epp | | Centre-right group in the European Parliament | EPP | |
eurasian-economic-union | | Russian-led economic union | EAEU | |
exxonmobil | USA | Oil company | Exxon Mobil;Exxon | |
fiu | USA | Public university in Miami | FIU | |
five-star-movement | ITA | Italian governing party (Movimento 5 Stelle) | M5S;Five-Star Movement;5-Star Movement;Movimento 5 Stelle | |
fmln | SLV | Salvadoran leftist party, in government until 2019 | Farabundo Martí National Liberation Front;Farabundo Marti National Liberation Front | |
forza-italia | ITA | Italian opposition party | | |
frente-amplio-chile | CHL | Chilean left coalition (Frente Amplio) | | | Broad Front
frente-amplio-uruguay | URY | Uruguayan left coalition (Frente Amplio), governing until 2020 | | | Broad Front
gamaleya-institute | RUS | Russian research institute that developed the Sputnik V vaccine | | |
gnb | VEN | Bolivarian National Guard, branch of the armed forces (swing actor); its forms are shared with fanb, which they resolve to | Bolivarian National Guard;National Guard;GNB;Venezuelan National Guard | | Bolivarian National Guard;National Guard;GNB;Venezuelan National Guard
gue-ngl | | Left group in the European Parliament | European United Left;GUE/NGL | |
high-court-england-wales | GBR | High Court of Justice of England and Wales | | | High Court
inter-american-dialogue | USA | Think tank | Inter-American Dialog | |
invamer | COL | Colombian polling firm | | |
juntos-por-el-cambio | ARG | Argentine opposition coalition of Mauricio Macri (Juntos por el Cambio) | | |
kings-college-london | GBR | University | KCL | |
kke | GRC | Communist Party of Greece | KKE | |
la-france-insoumise | FRA | French left party of Jean-Luc Mélenchon (La France Insoumise) | LFI | |
labour-party | GBR | British party, led by Jeremy Corbyn 2015-2020 | | | Labour;Labour Party
lega | ITA | Italian governing party of Matteo Salvini | League;Lega Nord;Northern League | | League
left-party-sweden | SWE | Swedish opposition party (Vänsterpartiet) | Vänsterpartiet | | Left Party
levica | SVN | Slovenian left party | | |
libre-abordo | MEX | Mexican company sanctioned by the US in 2020 for brokering Venezuelan oil | | |
mahan-air | IRN | Iranian airline | | |
mas-bolivia | BOL | Bolivian party of Evo Morales and Luis Arce (Movimiento al Socialismo) | MAS | | MAS;Movement for Socialism
migracion-colombia | COL | Colombian immigration agency | | |
minerven | VEN | Venezuelan state gold-mining company | | |
mongolian-red-cross-society | MNG | National Red Cross society | | |
monomeros | VEN | Colombian fertiliser maker owned by Pequiven, controlled by a Guaidó-named board from 2019 | | |
morena | MEX | Mexican ruling party of Andrés Manuel López Obrador | MORENA | | Morena
mufg-union-bank | USA | US bank, trustee for the PDVSA 2020 bondholders | | |
national-action-party | MEX | Mexican opposition party | PAN | | PAN
national-rally | FRA | French far-right party of Marine Le Pen | | |
nayara-energy | IND | Indian refiner, part-owned by Rosneft | Nayara | |
new-democracy | GRC | Greek conservative party, in government from 2019 | | |
new-york-fed | USA | Federal Reserve Bank of New York | New York Fed | |
noor-capital | ARE | Abu Dhabi investment firm | | |
ongc-videsh | IND | Overseas arm of India's state explorer ONGC | | |
osce | | Organization for Security and Co-operation in Europe | Organisation for Security and Co-operation in Europe;OSCE | |
partido-popular | ESP | Spanish conservative party (Partido Popular) | PP | | PP
pcf | FRA | French Communist Party | PCF | |
pdv-holding | VEN | Delaware holding company between PDVSA and Citgo, controlled by the Guaidó board from 2019 | | |
pequiven | VEN | Venezuelan state petrochemical company | | |
peru-libre | PER | Peruvian ruling party from 2021 (Perú Libre) | | |
petrovietnam | VNM | Vietnamese state oil company | Petrovietnam | |
podemos | ESP | Spanish left party | Unidas Podemos;Unidos Podemos | |
popular-force | PER | Peruvian party of Keiko Fujimori | Fuerza Popular | |
portuguese-communist-party | PRT | Portuguese party | | |
proper-in-management | GRC | Greek ship manager, sanctioned by the US in 2019 | | |
rdif | RUS | Russian sovereign wealth fund | RDIF | |
riac | RUS | Russian foreign-policy think tank | RIAC | |
rice-university | USA | University (Baker Institute) | | |
rosneft-trading | RUS | Swiss-registered trading unit of Rosneft | Rosneft Trading S.A. | |
rostec | RUS | Russian state arms conglomerate | | |
s-and-d | | Centre-left group in the European Parliament | S&D | |
sadc | | Regional bloc of Southern Africa | SADC | |
sas | SVK | Slovak liberal opposition party | SaS | |
schlager-business-group | MEX | Mexican company sanctioned by the US in 2020 for brokering Venezuelan oil | | |
seacrest-maritime | GRC | Shipowner; fictional (corpus example) | | |
shell | GBR | Oil company | Royal Dutch Shell | | Shell
sinn-fein | IRL | Irish opposition party | Sinn Fein | |
slovak-national-party | SVK | Slovak nationalist party | | |
sme | MEX | Mexican electricians' union | SME | | SME
smer | SVK | Slovak governing party (Smer-SD) | | |
spanish-national-court | ESP | Spain's National Court (Audiencia Nacional) | | | National Court
syriza | GRC | Greek governing party until 2019 | SYRIZA | |
taliban | AFG | Afghan movement, in power from 2021 | | |
tankertrackers | USA | Online service tracking oil tankers (TankerTrackers.com) | | |
tnk-trading-international | RUS | Swiss-registered trading affiliate of Rosneft | | |
tulane-university | USA | University | | |
turkish-airlines | TUR | Turkish flag carrier | | |
uk-supreme-court | GBR | Highest court of the United Kingdom | | | Supreme Court
union-venezolana-peru | VEN | Association of Venezuelan migrants in Peru | | |
us-court-of-appeals-third-circuit | USA | US federal appeals court for Delaware, New Jersey and Pennsylvania | U.S. Court of Appeals for the Third Circuit | |
us-army-war-college | USA | US Army graduate school for senior officers | U.S. Army War College | |
venezuela-solidarity-campaign | GBR | British group backing Maduro's government | | |
venezuelan-red-cross | VEN | National Red Cross society of Venezuela | Cruz Roja Venezolana | |
venezuelan-society-of-intensive-care | VEN | Medical association | | |
veppex | VEN | Group of Venezuelan political exiles in Florida (Guaidó camp) | | |
vitol | CHE | Oil trading company based in Geneva | | |
vox | ESP | Spanish far-right party | | | Vox
workers-party-brazil | BRA | Brazilian party of Lula and Rousseff | Partido dos Trabalhadores | | Workers' Party;Workers’ Party
cambiemos | ARG | Argentine centre-right coalition of Mauricio Macri | | |
carter-center | USA | US non-governmental organisation that observes elections | | |
citibank | USA | US bank | Citigroup | | Citi
cody-weddle | USA | US journalist detained in Caracas in 2019 | | |
communist-party-vietnam | VNM | Ruling party of Vietnam | Communist Party of Vietnam | | Communist Party
covax | | WHO-backed COVID-19 vaccine-sharing scheme | | |
cpj | USA | Committee to Protect Journalists, press-freedom group | CPJ | |
deutsche-bank | DEU | German bank | | |
easo | | EU asylum agency (European Asylum Support Office) | EASO | |
evrofinance-mosnarbank | RUS | Moscow bank co-owned by Venezuela's state; US-sanctioned in 2019 | | |
icsid | | World Bank tribunal for investment disputes | ICSID | |
irgc | IRN | Iran's Islamic Revolutionary Guard Corps | Islamic Revolutionary Guard Corps;IRGC | | Revolutionary Guards
jen-psaki | USA | White House press secretary from 2021 | | |
jorge-ramos | USA | Univision anchor, briefly detained at Miraflores in 2019 | | | Ramos
joseph-mondello | USA | US ambassador to Trinidad and Tobago | | |
kamla-persad-bissessar | TTO | Opposition leader of Trinidad and Tobago | | |
kpler | | Commodity and tanker data firm | | |
medicos-por-la-salud | VEN | Venezuelan doctors' network that counts hospital data | Medicos por la Salud | |
megasis | IRN | Iranian-owned supermarket chain opened in Caracas in 2020 | | |
netblocks | | Internet observatory | | |
pedro-brolo | GTM | Foreign minister of Guatemala | | |
polisario-front | | Western Sahara independence movement | | |
refinitiv | GBR | Financial data provider | Refinitiv | | Refinitiv
rsf | FRA | Reporters Without Borders, press-freedom group | RSF | |
sntp | VEN | Venezuela's National Union of Press Workers | SNTP | |
soluciones | VEN | Soluciones para Venezuela, opposition party | Soluciones para Venezuela | | Soluciones
swapo | NAM | Namibia's ruling party | | |
tap-air-portugal | PRT | Portuguese airline | TAP | | TAP
torino-capital | USA | Investment bank | | |
univision | USA | US Spanish-language broadcaster | | |
"""

# Organisation names that are not the corpus form (the corpus uses a short form).
ORG_NAMES = {
    "cape-verde-supreme-court": "Supreme Court of Justice of Cape Verde",
    "congress-of-peru": "Congress of the Republic of Peru",
    "gnb": "Bolivarian National Guard",  # shared with fanb: the forms resolve to fanb (first in the file)
    "gue-ngl": "European United Left–Nordic Green Left",
    "lega": "Lega",
    "osce": "Organization for Security and Co-operation in Europe",
    "fmln": "FMLN",
    "anc": "African National Congress",
    "left-party-sweden": "Left Party",
    "workers-party-brazil": "Workers' Party",
    "cape-verde-constitutional-court": "Constitutional Court of Cape Verde",
    "communist-party-chile": "Communist Party of Chile",
    "democratic-party-italy": "Partito Democratico",
    "high-court-england-wales": "High Court of England and Wales",
    "labour-party": "Labour Party",
    "s-and-d": "Progressive Alliance of Socialists and Democrats",
    "spanish-national-court": "Audiencia Nacional",
    "uk-supreme-court": "Supreme Court of the United Kingdom",
    "us-court-of-appeals-third-circuit": "US Court of Appeals for the Third Circuit",
}
STATES = {  # id: (demonyms, metonyms, ambiguous)
    "CUW": (["Curaçaoan", "Curacaoan"], ["Willemstad"], []),
    "PRI": (["Puerto Rican"], ["San Juan", "La Fortaleza"], ["San Juan"]),
}
STATE_NAMES = {"CUW": "Curaçao", "PRI": "Puerto Rico"}

# Forms added to actors that exist: (id, key, form, ambiguous). The corpus tags them and the
# guidelines count them as mentions (institutions and seats of government standing for the state,
# the party's English name). Not added, though tagged: `Europe` for the EU (25 uses in train+dev,
# 5 tagged: mostly a place), bare `Defence Ministry`/`Health Ministry` (rule 5 wants a country,
# demonym or person), `Felipe` (4 uses, 1 tagged).
FORMS = [
    ("USA", "metonyms", "Treasury", True),
    ("USA", "metonyms", "Homeland Security", False),
    ("USA", "metonyms", "Department of Homeland Security", False),
    ("USA", "aliases", "US Navy", False),
    ("USA", "aliases", "U.S. Navy", False),
    ("psuv", "aliases", "United Socialist Party", False),
]

# Forms an existing actor carries that the corpus links to a new, narrower actor: moved to it.
MOVE = [("rosneft", "Rosneft Trading", "rosneft-trading"), ("rosneft", "Rosneft Trading SA", "rosneft-trading"),
        ("red-cross", "Venezuelan Red Cross", "venezuelan-red-cross")]

# Tagged in the corpus but not added: news agencies mostly name the source in a dateline, which the
# corpus does not tag (`Reuters`: 2 tagged uses in train, 239 untagged datelines).
NOT_ADDED = {"reuters", "efe"}

SECTION = {"country": "countries", "person": "people", "organization": "organizations"}
_PARTICLES = {"de", "del", "da", "di", "van", "von", "der", "den", "le", "la", "al", "bin", "e", "y"}


def strip_accents(s: str) -> str:
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", out)


def variants(s: str) -> list[str]:
    """The form, its unaccented spelling, and both apostrophes."""
    out = [s]
    v = strip_accents(s)
    if v not in out and v.isascii():  # `Guðlaugur Þór` has no ASCII spelling by stripping: none given
        out.append(v)
    for v in list(out):
        for a, b in (("'", "’"), ("’", "'")):
            if a in v and v.replace(a, b) not in out:
                out.append(v.replace(a, b))
    return out


def scan_corpus() -> tuple[dict[str, collections.Counter], dict[str, str]]:
    forms: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    types: dict[str, str] = {}
    for path in CORPUS:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                for m in r["mentions"]:
                    a = m.get("actor")
                    if a:
                        forms[a][r["text"][m["start"]:m["end"]]] += 1
                        types.setdefault(a, m.get("type", ""))
    return forms, types


def parse_info() -> dict[str, dict]:
    info = {}
    for line in INFO.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (6 - len(parts))
        aid, country, role, extra, surname, amb = parts[:6]
        info[aid] = {"country": country or None, "role": role,
                     "extra": [x.strip() for x in extra.split(";") if x.strip()],
                     "surname": surname, "ambiguous": [x.strip() for x in amb.split(";") if x.strip()]}
    return info


def fmt_item(s: str) -> str:
    """A flow-sequence item in the file's style: plain unless YAML needs quotes."""
    plain = s
    if (re.search(r"[,\[\]{}#&*!|>%@`\"]|: |^[-?:'\s]|\s$", s) or s.lower() in ("yes", "no", "true", "false", "null", "on", "off", "~")
            or re.fullmatch(r"[-+]?[\d.]+", s)):
        plain = "'" + s.replace("'", "''") + "'"
    assert yaml.safe_load(f"[{plain}]") == [s], s
    return plain


def fmt_list(items: list[str]) -> str:
    return "[" + ", ".join(fmt_item(x) for x in items) + "]"


def fmt_scalar(s: str) -> str:
    if re.search(r": |#|^['\"\[{&*!|>%@`-]", s):
        return "'" + s.replace("'", "''") + "'"
    return s


def person_entry(aid: str, counts: collections.Counter, inf: dict) -> tuple[str, list[str], list[str]]:
    # the fullest form: most words, then the native spelling (non-ASCII), then the longest
    forms = sorted(counts, key=lambda s: (-len(s.split()), s.isascii(), -len(s), -counts[s]))
    name = forms[0]
    aliases: list[str] = []

    def add(s: str) -> None:
        for v in variants(s):
            if v != name and v not in aliases:
                aliases.append(v)

    for s in forms + inf["extra"]:
        add(s)
    sur = inf["surname"]
    if sur != "-":
        if not sur:
            words = [w for w in name.replace("Jr.", "").split() if w]
            sur = words[-1]
            if len(words) > 2 and words[-2].lower() in _PARTICLES:
                sur = " ".join(words[-2:])
        for x in sur.split(";"):
            add(x)
    amb = []
    for a in inf["ambiguous"]:
        for v in variants(a):
            if (v in aliases or v == name) and v not in amb:
                amb.append(v)
    return name, aliases, amb


def org_entry(aid: str, counts: collections.Counter, inf: dict) -> tuple[str, list[str], list[str]]:
    forms = sorted(counts, key=lambda s: (-len(s), -counts[s]))
    name = ORG_NAMES.get(aid, forms[0])
    aliases: list[str] = []
    for s in forms + inf["extra"]:
        for v in variants(s):
            if v != name and v not in aliases:
                aliases.append(v)
    amb = [v for a in inf["ambiguous"] for v in variants(a) if v in aliases or v == name]
    return name, aliases, list(dict.fromkeys(amb))


def _block(text: str, aid: str) -> tuple[int, int]:
    """(start, end) of the entry `- id: aid` in the YAML text."""
    m = re.search(rf"^- id: {re.escape(aid)}\n", text, re.M)
    if not m:
        raise SystemExit(f"actors.yaml: no entry {aid}")
    n = re.search(r"^(?:- id: |\S)", text[m.end():], re.M)
    return m.start(), m.end() + (n.start() if n else len(text) - m.end())


def edit_list(text: str, aid: str, key: str, add: list[str], remove: tuple[str, ...] = ()) -> str:
    """Append forms to (or remove them from) the flow list `key` of entry `aid`, keeping the style."""
    s, e = _block(text, aid)
    blk = text[s:e]
    m = re.search(rf"^  {key}: (\[.*\])$", blk, re.M)
    if not m:
        raise SystemExit(f"actors.yaml: entry {aid} has no `{key}` line")
    items = yaml.safe_load(m.group(1)) or []
    new = [x for x in add if x not in items]
    if not new and not any(x in items for x in remove):
        return text
    line = f"  {key}: {fmt_list([x for x in items if x not in remove] + new)}"
    blk = blk[:m.start()] + line + blk[m.end():]
    return text[:s] + blk + text[e:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="only list the missing actors")
    args = ap.parse_args(argv)

    text = YAML_PATH.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    known: dict[str, dict] = {}
    form_owner: dict[str, list[str]] = collections.defaultdict(list)
    for sec in ("countries", "people", "organizations"):
        for e in data[sec]:
            known[e["id"]] = e
            for s in [e["name"]] + e.get("aliases", []) + e.get("demonyms", []) + e.get("metonyms", []):
                form_owner[s].append(e["id"])
    forms, types = scan_corpus()
    missing = sorted(a for a in forms if a not in known and a not in NOT_ADDED)
    info = parse_info()
    print(f"{len(missing)} actor ids in train+dev are not in actors.yaml:")
    for a in missing:
        c = forms[a]
        print(f"  {a} ({types[a]}): " + ", ".join(f"{s!r} x{n}" for s, n in c.most_common()))
    # states the new actors belong to
    states = sorted({info[a]["country"] for a in missing if a in info and info[a]["country"]} - set(known)
                    | {a for a in missing if types[a] == "country"})
    if states:
        print("states to add:", ", ".join(states))
    sys.stdout.flush()
    gaps = [a for a in missing + states if a not in info]
    if gaps:
        print("no INFO (country, role) for: " + ", ".join(gaps), file=sys.stderr)
        return 1
    form_adds = [(a, k, f, amb) for a, k, f, amb in FORMS
                 if f not in ([known[a]["name"]] + known[a].get(k, []))]
    if form_adds:
        print("forms to add to known actors:", ", ".join(f"{f!r} -> {a}" for a, k, f, _ in form_adds))
    if args.dry_run or not (missing or form_adds):
        return 0

    # -- build the new entries --------------------------------------------------------------------
    entries: dict[str, dict] = {}
    for a in states:
        inf = info[a]
        name = STATE_NAMES[a]
        dem, met, amb = STATES[a]
        aliases = [v for s in [*forms.get(a, {})] + inf["extra"] for v in variants(s) if v != name]
        entries[a] = {"sec": "countries", "name": name, "aliases": list(dict.fromkeys(aliases)),
                      "demonyms": dem, "metonyms": met, "ambiguous": list(amb), "role": inf["role"]}
    for a in missing:
        if a in entries:
            continue
        inf = info[a]
        if types[a] == "person":
            name, aliases, amb = person_entry(a, forms[a], inf)
        else:
            name, aliases, amb = org_entry(a, forms[a], inf)
        entries[a] = {"sec": SECTION[types[a]], "name": name, "aliases": aliases, "ambiguous": amb,
                      "country": inf["country"], "role": inf["role"]}

    moves = [(old, f, new) for old, f, new in MOVE if new in entries and old in known
             and f in known[old].get("aliases", [])]
    for old, f, new in moves:
        form_owner[f].remove(old)
        if f not in entries[new]["aliases"] and f != entries[new]["name"]:
            entries[new]["aliases"].append(f)
        print(f"moved form {f!r}: {old} -> {new}")

    # -- shared forms: ambiguous in both --------------------------------------------------------------
    new_owner: dict[str, list[str]] = collections.defaultdict(list)
    for a, e in entries.items():
        for s in [e["name"]] + e["aliases"] + e.get("demonyms", []) + e.get("metonyms", []):
            new_owner[s].append(a)
    old_amb_add: dict[str, list[str]] = collections.defaultdict(list)
    shared = []
    for s, ids in new_owner.items():
        owners = form_owner.get(s, []) + ids
        if len(set(owners)) < 2:
            continue
        shared.append((s, owners))
        for a in ids:
            if s not in entries[a]["ambiguous"]:
                entries[a]["ambiguous"].append(s)
        for a in form_owner.get(s, []):
            if s not in known[a].get("ambiguous", []):
                old_amb_add[a].append(s)
    for a, k, f, amb in form_adds:
        if amb or form_owner.get(f):
            old_amb_add[a].append(f)
        for b in form_owner.get(f, []):
            if b != a:
                old_amb_add[b].append(f)
    for s, owners in sorted(shared):
        print(f"shared form {s!r}: {', '.join(owners)} (ambiguous in all)")

    # -- write ------------------------------------------------------------------------------------
    for old, f, new in moves:
        text = edit_list(text, old, "aliases", [], remove=(f,))
        text = edit_list(text, old, "ambiguous", [], remove=(f,))
    for a, k, f, _ in form_adds:
        text = edit_list(text, a, k, [f])
    for a, fs in old_amb_add.items():
        text = edit_list(text, a, "ambiguous", fs)

    def render(a: str, e: dict) -> str:
        lines = [f"- id: {a}", f"  name: {fmt_scalar(e['name'])}", f"  aliases: {fmt_list(e['aliases'])}"]
        if e["sec"] == "countries":
            lines += [f"  demonyms: {fmt_list(e['demonyms'])}", f"  metonyms: {fmt_list(e['metonyms'])}"]
        else:
            lines += [f"  country: {e['country'] or 'null'}", f"  role: {fmt_scalar(e['role'])}"]
        lines.append(f"  ambiguous: {fmt_list(e['ambiguous'])}")
        return "\n".join(lines) + "\n"

    # states: in alphabetical place by name
    for a in [x for x in entries if entries[x]["sec"] == "countries"]:
        name = entries[a]["name"]
        after = sorted((c for c in data["countries"] if strip_accents(c["name"]) > strip_accents(name)),
                       key=lambda c: strip_accents(c["name"]))
        s, _ = _block(text, after[0]["id"])
        text = text[:s] + render(a, entries[a]) + text[s:]
    header = "# --- added by add_from_corpus.py: {what} of train/dev missing from the gazetteer ---\n"
    people = "".join(render(a, e) for a, e in entries.items() if e["sec"] == "people")
    orgs = "".join(render(a, e) for a, e in entries.items() if e["sec"] == "organizations")
    if people:
        k = text.index("\norganizations:\n") + 1
        text = text[:k] + header.format(what="people") + people + text[k:]
    if orgs:
        text = text.rstrip("\n") + "\n" + header.format(what="organisations") + orgs
    # the result must load and keep every id unique
    new = yaml.safe_load(text)
    ids = [e["id"] for sec in ("countries", "people", "organizations") for e in new[sec]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    YAML_PATH.write_text(text, encoding="utf-8")
    print(f"added {len(entries)} actors ({sum(e['sec'] == 'people' for e in entries.values())} people, "
          f"{sum(e['sec'] == 'organizations' for e in entries.values())} organisations, "
          f"{sum(e['sec'] == 'countries' for e in entries.values())} states) and {len(form_adds)} forms "
          f"to {YAML_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build `unknown_actors.jsonl` from the marked-up sentences below (offsets computed, never typed).

    python data/detection/build_unknown_actors.py          # write data/detection/unknown_actors.jsonl
    python data/detection/build_unknown_actors.py --check  # only check, print counts

Markup as in `data/venezuela/source/`: `[[surface|L|ACTOR]]`, `L` is `M` (pro-Maduro),
`G` (pro-Guaido) or `N` (neutral); `ACTOR` is an ISO alpha-3 code, `p:slug` (person) or
`o:slug` (organisation). Every mention the annotation guidelines define is marked, known
actors too (their ids must be in `data/gazetteer/actors.yaml`). Actors whose id is not in
the gazetteer are the *unknown* ones; the check refuses a sentence whose unknown span is,
or contains, a gazetteer form (the set must measure what the gazetteer cannot find).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "unknown_actors.jsonl"

LABELS = {"M": "pro-Maduro", "G": "pro-Guaido", "N": "neutral"}
_MARK = re.compile(r"\[\[([^|\]]+)\|([MGN])\|([^\]]+)\]\]")

# One sentence a line; `%` starts a comment. Invented people and bodies, and real minor ones
# that the gazetteer does not list: local mayors and governors, lesser ministers, deputies,
# NGO heads, analysts, companies, think tanks, unions, regional parties, foreign deputies.
SOURCE = r"""
% --- Venezuelan local politics
[[Marisela Quintero|N|p:marisela-quintero]], the mayor of Baruta, said water had been cut for nine days in parts of the municipality.
Opposition mayor [[Ramón Aponte|G|p:ramon-aponte]] of Chacao urged residents to join Saturday's march in support of [[Guaidó|G|p:juan-guaido]].
Governor [[Víctor Villasana|M|p:victor-villasana]] of Falcón blamed the blackout on "sabotage ordered from [[Washington|G|USA]]" and said the [[armed forces|M|o:fanb]] remained loyal to [[Maduro|M|p:nicolas-maduro]].
[[Eudomar Tovar|M|p:eudomar-tovar]], the ruling party's mayor of Maturín, said activists of the [[PSUV|M|o:psuv]] would "never hand the homeland to the Yankees".
Mayor [[Yelitza Carrasquel|N|p:yelitza-carrasquel]] of Puerto Ayacucho asked the central government for fuel to keep the town's only hospital running.
[[Alfonso Marquina|G|p:alfonso-marquina]], an opposition deputy from Lara, said the [[National Assembly|G|o:national-assembly]] would name a new board for the state electricity company.
In Mérida, the regional party [[Movimiento Andino Unido|G|o:movimiento-andino-unido]] joined the call for [[Maduro|M|p:nicolas-maduro]] to step down.
[[Andrés Velásquez|G|p:andres-velasquez]], a veteran leader of [[Causa R|G|o:causa-r]], said the party backed [[Guaidó|G|p:juan-guaido]] and would not take part in a vote organised by the [[CNE|M|o:cne]].
The small leftist party [[Patria Para Todos|M|o:patria-para-todos]] renewed its support for [[Maduro|M|p:nicolas-maduro]] and called the opposition's plan "a coup dressed as a transition".
[[Héctor Zabala|M|p:hector-zabala]], a pro-government councillor in Barquisimeto, accused opposition mayors of hoarding food aid.
Opposition deputy [[Milagros Paz|G|p:milagros-paz]] read out the list of 43 colleagues stripped of their immunity by the [[Constituent Assembly|M|o:national-constituent-assembly]].
[[Luis Stefanelli|G|p:luis-stefanelli]] and [[Gilberto Sojo|G|p:gilberto-sojo]], two opposition deputies who had been in hiding, reappeared in the chamber to vote for [[Guaidó|G|p:juan-guaido]]'s re-election.
Governor [[Laidy Gómez|G|p:laidy-gomez]] of Táchira, an opposition figure, said she would open the border crossings to aid if the [[military|N|o:fanb]] stepped aside.
% --- rights groups, NGOs, churches, unions
[[Mariela Suárez|N|p:mariela-suarez]], a lawyer with the rights group [[Justicia y Proceso|N|o:justicia-y-proceso]], said 43 soldiers arrested after the uprising had not seen a judge.
[[Javier Tarazona|G|p:javier-tarazona]], director of the NGO [[FundaRedes|N|o:fundaredes]], called [[Maduro|M|p:nicolas-maduro]] a dictator who had handed Apure to Colombian guerrillas.
The [[Observatorio Venezolano de Conflictividad Social|N|o:ovcs]] recorded 1,200 protests in January, most of them over water and electricity.
[[Feliciano Arteaga|N|p:feliciano-arteaga]], who runs the patients' network [[Codevida|N|o:codevida]], said at least 15 dialysis patients had died since the blackout began.
[[Katherine Ochoa|N|p:katherine-ochoa]] of the children's charity [[Prepara Familia|N|o:prepara-familia]] said the paediatric ward of the J.M. de los Ríos hospital had no working X-ray machine.
The [[Colegio de Enfermeras del Distrito Capital|N|o:colegio-de-enfermeras-del-distrito-capital]] said hospitals had run out of gloves and syringes.
The teachers' union [[Federación Venezolana de Maestros|G|o:federacion-venezolana-de-maestros]] called a national strike and said its members would march with [[Guaidó|G|p:juan-guaido]] on Monday.
[[Orlando Alzuru|G|p:orlando-alzuru]], the union's president, said no teacher could live on a salary of six dollars a month under a usurper.
Bishop [[Mario Moronta|N|p:mario-moronta]] of San Cristóbal appealed to both sides to let food and medicine through the border.
Father [[Alfredo Infante|G|p:alfredo-infante]], a Jesuit in the slum of La Vega, said the [[FAES|M|o:faes]] raids were meant to terrorise those who backed [[Guaidó|G|p:juan-guaido]].
The oil workers' federation [[Futpv|M|o:futpv]] said its members would defend [[PDVSA|N|o:pdvsa]] against "imperialist looting" by [[Washington|G|USA]].
[[Wills Rangel|M|p:wills-rangel]], the federation's chief and a PSUV deputy, vowed that workers would keep the refineries running for [[Maduro|M|p:nicolas-maduro]].
The nurses' leader [[Ana Rosario Contreras|G|p:ana-rosario-contreras]] told the crowd that the health system had collapsed under a regime that had to go.
% --- analysts, pollsters, think tanks, universities
[[Gustavo Lainette|N|p:gustavo-lainette]], a pollster at the firm [[Delphos|N|o:delphos]], said support for [[Maduro|M|p:nicolas-maduro]] had fallen below 15 percent.
Economist [[Asdrúbal Oliveros|N|p:asdrubal-oliveros]] of the consultancy [[Ecoanalítica|N|o:ecoanalitica]] estimated that the economy had shrunk by a third in two years.
[[Henkel García|N|p:henkel-garcia]], director of [[Econométrica|N|o:econometrica]], said the sanctions would deepen the shortages of petrol within weeks.
"The [[armed forces|N|o:fanb]] are waiting to see who blinks first," said [[Rocío San Miguel|N|p:rocio-san-miguel]], a security analyst.
[[Dimitris Pantoulas|N|p:dimitris-pantoulas]], a political analyst in Caracas, said neither side had the votes in the [[army|N|o:fanb]] to win outright.
[[Risa Grais-Targow|N|p:risa-grais-targow]] of [[Eurasia Group|N|o:eurasia-group]] put the chances of a negotiated exit for [[Maduro|M|p:nicolas-maduro]] this year at 30 percent.
[[Eric Farnsworth|N|p:eric-farnsworth]], vice president of the [[Council of the Americas|N|o:council-of-the-americas]], said the region had never been so united against a sitting government.
[[Ana Quintana|G|p:ana-quintana]], a Latin America analyst at the [[Heritage Foundation|N|o:heritage-foundation]], urged the [[Trump administration|G|USA]] to tighten the oil embargo until [[Maduro|M|p:nicolas-maduro]] left.
[[Raúl Gallegos|N|p:raul-gallegos]] of the consultancy [[Control Risks|N|o:control-risks]] said investors were pricing in years of stalemate.
[[Mariano de Alba|N|p:mariano-de-alba]], a lawyer specialising in international law, said recognition by foreign governments did not give [[Guaidó|G|p:juan-guaido]] control of the courts.
The oil-tracking firm [[Kpler|N|o:kpler]] said Venezuelan exports to [[India|N|IND]] had doubled in March.
Analysts at [[Capital Economics|N|o:capital-economics]] said a recovery of output would take years even if the sanctions were lifted.
A study by researchers at the [[Andrés Bello Catholic University|N|o:ucab]] found that 94 percent of households lived in poverty.
Students at the [[Universidad de Carabobo|G|o:universidad-de-carabobo]] voted to join the opposition's national strike against [[Maduro|M|p:nicolas-maduro]].
[[Francine Jácome|N|p:francine-jacome]], director of the research centre [[Invesp|N|o:invesp]], said the talks in [[Barbados|N|BRB]] had no deadline.
% --- companies and business groups
[[Adriana Peraza|G|p:adriana-peraza]], president of the [[Cámara de Comercio de Maracay|G|o:camara-de-comercio-de-maracay]], said business owners backed [[Guaidó|G|p:juan-guaido]]'s call for a transition.
The business federation [[Consecomercio|N|o:consecomercio]] said retail sales had fallen 60 percent since the sanctions took effect.
[[Empresas Polar|N|o:empresas-polar]], the country's largest private food company, said it had halted beer production for lack of gas.
[[Lorenzo Mendoza|N|p:lorenzo-mendoza]], head of the food giant, said he would not comment on politics.
Swiss trader [[Vitol|N|o:vitol]] said it had stopped all fuel shipments after the [[Treasury|G|USA]] tightened the sanctions on [[Maduro's government|M|VEN]].
The [[US Treasury|G|USA]] sanctioned the Mexican firm [[Libre Abordo|M|o:libre-abordo]], accusing it of helping [[Maduro's government|M|VEN]] sell crude in violation of sanctions.
[[Joaquín Leal|M|p:joaquin-leal]], the businessman behind the deals, was accused of running a network that kept [[PDVSA|M|o:pdvsa]] afloat.
Greek shipowner [[Marine Navigation Company|N|o:marine-navigation-company]] said its tankers had stopped loading in [[Venezuela|N|VEN]] in May.
[[Mariana Cortés|N|p:mariana-cortes]], a spokeswoman for the Spanish oil firm, said [[Repsol|N|o:repsol]] had consulted the [[State Department|N|USA]] before every cargo.
Mining company [[Gold Reserve|G|o:gold-reserve]] asked a court in Delaware to let it seize shares in [[Citgo|N|o:citgo]], and said it supported the [[National Assembly|G|o:national-assembly]]'s board.
% --- security forces and armed groups
[[Ovidio Carrasco|G|p:ovidio-carrasco]], a major who deserted and crossed into [[Colombia|N|COL]], said dozens of officers were ready to recognise [[Guaidó|G|p:juan-guaido]].
Captain [[Juan Caguaripano|G|p:juan-caguaripano]], jailed since leading a raid on an army base, sent a letter urging soldiers to rise against [[Maduro|M|p:nicolas-maduro]].
General [[Iván Hernández Dala|M|p:ivan-hernandez-dala]], head of military counter-intelligence, said the agency had foiled "another conspiracy financed from [[Bogotá|G|COL]]".
The [[Dirección General de Contrainteligencia Militar|M|o:dgcim]] arrested three colonels accused of plotting with the opposition.
Police commander [[Rafael Bastardo|M|p:rafael-bastardo]] denied that his officers had fired on protesters in Catia.
The [[Tren de Aragua|N|o:tren-de-aragua]] gang controlled much of the trade in smuggled petrol around the prison of Tocorón.
% --- Colombia, Brazil, Peru, Chile, Argentina, Ecuador, Mexico
Colombian senator [[Iván Cepeda|M|p:ivan-cepeda]] accused [[Duque|G|p:ivan-duque]] of "playing at war" on the border to please [[Washington|G|USA]].
The Colombian think tank [[Fundación Paz y Reconciliación|N|o:fundacion-paz-y-reconciliacion]] counted 47 armed groups operating on both sides of the border.
[[Felipe Muñoz|N|p:felipe-munoz]], [[Colombia|N|COL]]'s border manager, said 4,000 migrants were crossing the bridges every day.
The mayor of Cúcuta, [[Jairo Yáñez|N|p:jairo-yanez]], asked [[Bogotá|N|COL]] for more shelters as the aid concert drew crowds to the city.
Brazilian deputy [[Carla Zambelli|G|p:carla-zambelli]] said the government would "do whatever it takes" to help [[Guaidó|G|p:juan-guaido]].
The leftist [[PCdoB|M|o:pcdob]] called the aid convoy a provocation and demanded that [[Brasília|G|BRA]] keep out of [[Venezuela|N|VEN]]'s affairs.
[[Gleisi Hoffmann|M|p:gleisi-hoffmann]], president of [[Brazil|N|BRA]]'s [[Workers' Party|N|o:workers-party-brazil]], travelled to Caracas for [[Maduro|M|p:nicolas-maduro]]'s swearing-in.
Peruvian congresswoman [[Luz Salgado|G|p:luz-salgado]] proposed a motion declaring [[Maduro|M|p:nicolas-maduro]] a usurper.
[[Hernando Cevallos|M|p:hernando-cevallos]], a leftist Peruvian deputy, said the [[Lima Group|G|o:lima-group]] had become a tool of [[Washington|G|USA]].
Chilean senator [[Alejandro Navarro|M|p:alejandro-navarro]] visited Caracas and said he had found "a democracy under siege, not a dictatorship".
The [[Chilean Communist Party|M|o:communist-party-of-chile]] refused to sign a statement calling [[Maduro|M|p:nicolas-maduro]] a dictator.
Argentine deputy [[Waldo Wolff|G|p:waldo-wolff]] called on [[Buenos Aires|N|ARG]] to expel [[Maduro|M|p:nicolas-maduro]]'s diplomats.
[[Agustín Rossi|N|p:agustin-rossi]], the Peronist bloc leader, said [[Argentina|N|ARG]] should follow [[Mexico|N|MEX]] and [[Uruguay|N|URY]] in offering mediation.
Ecuadorean migration official [[Santiago Pareja|N|p:santiago-pareja]] said the country would begin asking Venezuelans for visas in August.
Mexican senator [[Gabriela Cuevas|N|p:gabriela-cuevas]] said [[Mexico|N|MEX]] would stick to its doctrine of non-intervention.
% --- Europe, North America, elsewhere
Spanish MEP [[Leopoldo Garrido|G|p:leopoldo-garrido]] said the [[European Parliament|G|o:european-parliament]] would recognise [[Guaidó|G|p:juan-guaido]] "without any ambiguity".
The Spanish party [[Ciudadanos|G|o:ciudadanos]] demanded that [[Sánchez|N|p:pedro-sanchez]] recognise [[Guaidó|G|p:juan-guaido]] before the weekend.
[[Inés Arrimadas|G|p:ines-arrimadas]], the party's leader in Catalonia, called [[Maduro|M|p:nicolas-maduro]] "a tyrant who starves his people".
Green MP [[Jürgen Trittmann|N|p:jurgen-trittmann]] said the [[Bundestag|N|o:bundestag]] should send observers rather than pick sides.
[[Sahra Wagenknecht|M|p:sahra-wagenknecht]] of [[Germany|N|DEU]]'s [[Die Linke|M|o:die-linke]] called the recognition of [[Guaidó|G|p:juan-guaido]] a breach of international law.
French deputy [[Jean-Luc Mélenchon|M|p:jean-luc-melenchon]] said [[Macron|G|p:emmanuel-macron]] had "lined up behind [[Trump|G|p:donald-trump]]" by recognising the opposition leader.
Italian senator [[Paolo Romani|G|p:paolo-romani]] urged the government to follow [[Spain|G|ESP]] and [[France|G|FRA]] in recognising [[Guaidó|G|p:juan-guaido]].
US congresswoman [[Debbie Wasserman Schultz|G|p:debbie-wasserman-schultz]] said the sanctions must stay until [[Maduro|M|p:nicolas-maduro]] was gone.
Representative [[Ilhan Omar|M|p:ilhan-omar]] called the campaign to oust [[Maduro|M|p:nicolas-maduro]] "a coup" and said [[Washington|G|USA]] should not pick [[Venezuela|N|VEN]]'s leaders.
[[Tom Shannon|N|p:tom-shannon]], a former US diplomat, said the opposition had overestimated the [[armed forces|N|o:fanb]]' willingness to break.
Canadian MP [[Hélène Laverdière|N|p:helene-laverdiere]] asked [[Ottawa|N|CAN]] to explain what it would do if [[Maduro|M|p:nicolas-maduro]] stayed.
[[Jeremy Corbyn|M|p:jeremy-corbyn]] said the crisis should be solved by Venezuelans "without outside interference" from [[Washington|G|USA]].
[[Emily Thornberry|N|p:emily-thornberry]], [[Labour|N|o:labour-party]]'s foreign affairs spokeswoman, called for talks without preconditions.
In Moscow, [[Alexei Pushkov|M|p:alexei-pushkov]] said [[Russia|M|RUS]] would not abandon [[Caracas|M|VEN]].
% --- international bodies and diplomats
[[Eduardo Stein|N|p:eduardo-stein]], the special representative of the [[UNHCR|N|o:unhcr]] and the [[IOM|N|o:iom]] for Venezuelans, appealed for $738 million to help the region host migrants.
[[Diego Beltrand|N|p:diego-beltrand]] of the [[International Organization for Migration|N|o:iom]] said the number of refugees had passed four million.
The [[World Food Programme|N|o:wfp]] said it would start feeding schoolchildren in Caracas once it had guarantees of neutrality.
[[Marta Valiñas|N|p:marta-valinas]], chair of the [[UN fact-finding mission|N|o:un-fact-finding-mission]], said the abuses amounted to crimes against humanity.
[[Gonzalo Koncke|G|p:gonzalo-koncke]], chief of staff to [[Almagro|G|p:luis-almagro]], said the [[OAS|G|o:oas]] would seat [[Guaidó|G|p:juan-guaido]]'s envoy within weeks.
[[Jorge Valero|M|p:jorge-valero]], [[Venezuela|M|VEN]]'s envoy in Geneva, accused the [[OHCHR|N|o:ohchr]] of relying on opposition sources.
% --- headlines and short items
[[Marisela Quintero|N|p:marisela-quintero]] Warns of Water Cuts in Baruta
[[Fedeagro|N|o:fedeagro]] Says Farmers Cannot Plant Without Diesel
[[Humberto Prado|N|p:humberto-prado]]: Prisons Are [[Maduro|M|p:nicolas-maduro]]'s "Warehouses of Human Beings"
[[Consecomercio|N|o:consecomercio]] and [[Conindustria|N|o:conindustria]] demanded that the government publish the exchange rate every day.
[[Tamara Suju|N|p:tamara-suju]], an exiled lawyer, took a file on torture to the [[International Criminal Court|N|o:icc]].
Opposition deputy [[Carlos Paparoni|G|p:carlos-paparoni]] said he had given the [[State Department|N|USA]] a list of officials who had moved money to [[Andorra|N|AND]].
[[Pedro Carreño|M|p:pedro-carreno]], a senior PSUV deputy, called the opposition's leaders "lackeys of the empire".
[[Darío Vivas|M|p:dario-vivas]] organised the pro-government rally on Bolívar Avenue.
[[Nelson Rivas|N|p:nelson-rivas]], a taxi driver in Petare, said he had waited four days for petrol.
% --- second references, lower-profile bodies, foreign deputies, companies
[[Aponte|G|p:ramon-aponte]] later said the march would go ahead despite the ban.
[[Tovar|M|p:eudomar-tovar]] denied the accusation and said the food boxes had reached every home in his district.
[[Mercedes de Freitas|N|p:mercedes-de-freitas]], who heads an anti-corruption group, estimated that $300 million had vanished from the food programme.
[[Mark Weisbrot|M|p:mark-weisbrot]] of the [[Center for Economic and Policy Research|N|o:cepr]] called the sanctions "collective punishment" imposed by [[Washington|G|USA]].
Canadian miner [[Crystallex|N|o:crystallex]] won the right to auction shares in the parent company of [[Citgo|N|o:citgo]].
Workers at the steel maker [[Sidor|N|o:sidor]] in Ciudad Guayana staged a sit-in over unpaid wages.
Dutch MP [[Joël Voordewind|N|p:joel-voordewind]] asked the [[Dutch government|N|NLD]] to explain why the aid hub had been closed.
Portuguese deputy [[Paulo Neves|G|p:paulo-neves]], who represents the emigrant community, said [[Lisbon|N|PRT]] should recognise [[Guaidó|G|p:juan-guaido]] at once.
Swedish MP [[Hans Wallmark|G|p:hans-wallmark]] said [[Stockholm|N|SWE]] should stop treating [[Maduro|M|p:nicolas-maduro]] as a legitimate president.
Colonel [[Oswaldo García Palomo|G|p:oswaldo-garcia-palomo]], who was arrested on his return from [[Colombia|N|COL]], had urged fellow officers to abandon the government.
Pemón leader [[Ricardo Delgado|G|p:ricardo-delgado]] said his community had welcomed the aid and would not let soldiers take it away.
Journalist [[Luz Mely Reyes|N|p:luz-mely-reyes]], who runs the news site [[Efecto Cocuyo|N|o:efecto-cocuyo]], said reporters had been detained at the border.
The newspaper [[Tal Cual|N|o:tal-cual]] said its printing plant had been without paper for a month.
[[Fundación Bengoa|N|o:fundacion-bengoa]] Warns of Surge in Child Malnutrition
[[Camilla Fabri|M|p:camilla-fabri]], who was appointed a deputy minister soon after, defended the food-import deals as a way round the blockade.
The small party [[Fuerza Vecinal|N|o:fuerza-vecinal]] said it would field candidates in the regional elections despite the boycott call.
The opposition alliance [[Alianza del Lápiz|N|o:alianza-del-lapiz]] won the mayoralty of Nueva Esparta's capital.
The labour federation [[Central de Trabajadores ASI|G|o:central-de-trabajadores-asi]] said it would join the strike called by [[Guaidó|G|p:juan-guaido]].
[[Pablo Camacaro|G|p:pablo-camacaro]], a union leader, said public employees had been threatened with dismissal if they marched.
[[Evelyn Wever-Croes|N|p:evelyn-wever-croes]], the prime minister of the Dutch island, said the border closure had cost tourism dearly.
Venezuelan lawyer [[Alí Daniels|N|p:ali-daniels]] of the group [[Acceso a la Justicia|N|o:acceso-a-la-justicia]] said the ruling had no basis in the constitution.
[[Ligia Bolívar|N|p:ligia-bolivar]], a human rights researcher at the [[Andrés Bello Catholic University|N|o:ucab]], said the migrants faced growing xenophobia.
[[Siva Group|M|o:siva-group]], an Indian shipping firm, was accused by US officials of carrying crude for [[Maduro's government|M|VEN]].
[[Renzo Aguilera|G|p:renzo-aguilera]] said the [[SEBIN|M|o:sebin]] had held him for two years without trial because he backed the opposition.
Opposition councillor [[Yajaira Forero|G|p:yajaira-forero]] said pro-government colectivos had fired at the march in Sucre.
The [[Venezuelan Association of Clinics and Hospitals|N|o:venezuelan-association-of-clinics-and-hospitals]] said private hospitals had lost half their doctors since 2017.
In Brussels, [[Jordi Cañas|G|p:jordi-canas]], a Spanish liberal MEP, said the [[EU|G|o:eu]] should widen its sanctions on [[Maduro|M|p:nicolas-maduro]]'s officials.
Analyst [[Félix Seijas|N|p:felix-seijas]] of the pollster [[Delphos|N|o:delphos]] said three in four Venezuelans wanted a negotiated solution.
[[Oscar Schémel|N|p:oscar-schemel]], head of the polling firm [[Hinterlaces|N|o:hinterlaces]], said most Venezuelans blamed the sanctions for the shortages.
[[Reinaldo Quintero|N|p:reinaldo-quintero]], who heads the pharmaceutical chamber [[Cifar|N|o:cifar]], said the country had a shortage of 80 percent in medicines.
Bolivian senator [[Óscar Ortiz|G|p:oscar-ortiz]] called on [[La Paz|M|BOL]] to stop backing a "dictatorship".
"""


def parse(line: str) -> tuple[str, list[dict]]:
    text, mentions, pos, last = [], [], 0, 0
    for m in _MARK.finditer(line):
        text.append(line[last:m.start()])
        pos += m.start() - last
        surface, lab, actor = m.group(1), m.group(2), m.group(3)
        if actor.startswith("p:"):
            aid, typ = actor[2:], "person"
        elif actor.startswith("o:"):
            aid, typ = actor[2:], "organization"
        elif re.fullmatch(r"[A-Z]{3}", actor):
            aid, typ = actor, "country"
        else:
            raise ValueError(f"bad actor {actor!r} in: {line}")
        mentions.append({"start": pos, "end": pos + len(surface), "label": LABELS[lab], "actor": aid, "type": typ})
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(line[last:])
    out = "".join(text)
    if "[[" in out or "]]" in out:
        raise ValueError(f"unparsed markup in: {line}")
    return out, mentions


def build() -> list[dict]:
    sys.path.insert(0, str(HERE.parents[1]))
    from stance.infer.gazetteer import Gazetteer

    g = Gazetteer.load()
    forms = sorted(g.aliases, key=len, reverse=True)
    records, problems = [], []
    for i, line in enumerate(l for l in SOURCE.strip().splitlines() if l.strip() and not l.startswith("%")):
        text, mentions = parse(line.strip())
        for m in mentions:
            s = text[m["start"]:m["end"]]
            known = m["actor"] in g.actors
            if known and g.actors[m["actor"]].type != m["type"]:
                problems.append(f"{s!r}: {m['actor']} is a {g.actors[m['actor']].type}")
            if not known:
                if m["type"] == "country":
                    problems.append(f"{s!r}: unknown state {m['actor']}")
                inner = [f for f in forms if re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", s)]
                if inner:
                    problems.append(f"unknown {m['actor']} {s!r} contains gazetteer form(s) {inner[:3]}")
        records.append({"id": f"unk-{i + 1:03d}", "text": text, "mentions": mentions})
    if problems:
        raise SystemExit("\n".join(problems))
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check and count")
    args = ap.parse_args(argv)
    records = build()
    sys.path.insert(0, str(HERE.parents[1]))
    from stance.infer.gazetteer import Gazetteer

    g = Gazetteer.load()
    ms = [m for r in records for m in r["mentions"]]
    unk = [m for m in ms if m["actor"] not in g.actors]
    print(f"{len(records)} sentences, {len(ms)} mentions, {len(unk)} of actors not in the gazetteer "
          f"({sum(m['type'] == 'person' for m in unk)} people, {sum(m['type'] == 'organization' for m in unk)} "
          f"organisations, {len({m['actor'] for m in unk})} distinct)")
    if not args.check:
        with open(OUT, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"wrote {OUT.relative_to(HERE.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

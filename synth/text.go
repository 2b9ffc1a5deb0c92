package synth

// Indicator positions in indicatorCodes; the scenario refers to them by
// name through these constants.
const (
	indSupport = iota
	indMaterial
	indAssociation
	indCriminality
	indTravel
	indFixation
	indIdentification
	indNovelAggression
	indEnergyBurst
	indLastResort
	indThreat
	indLeakage
	indWeapons
	indSkills
	indResearch
	indPlanning
	indPreparation
	indImplementation
	indDisengagement
	indIntervention
	numIndicators
)

// IndicatorCodes returns the codes of the default indicator catalogue that
// the generator draws from.
func IndicatorCodes() []string {
	c := indicatorCodes()
	return c[:]
}

func indicatorCodes() [numIndicators]string {
	return [numIndicators]string{
		"expression.support_for_violence",
		"material.consumption",
		"association.violent_extremist",
		"criminality.other",
		"travel.conflict_zone",
		"fixation",
		"identification",
		"novel_aggression",
		"energy_burst",
		"last_resort",
		"threat.direct",
		"leakage",
		"capability.weapons",
		"capability.skills",
		"pathway.research",
		"pathway.planning",
		"pathway.preparation",
		"pathway.implementation",
		"protective.disengagement",
		"protective.intervention",
	}
}

// backgroundWeights is how often each indicator appears on routine
// reporting: mostly low-level concerns, rarely anything on the pathway.
func backgroundWeights() [numIndicators]float64 {
	return [numIndicators]float64{
		indSupport: 22, indMaterial: 22, indAssociation: 14, indCriminality: 18, indTravel: 1.5,
		indFixation: 3, indIdentification: 1, indNovelAggression: 1, indEnergyBurst: 1.5,
		indLastResort: 0.3, indThreat: 0.3, indLeakage: 0.3, indWeapons: 0.4, indSkills: 1.5,
		indResearch: 0.3, indPlanning: 0.05, indPreparation: 0.02, indImplementation: 0,
		indDisengagement: 6, indIntervention: 6,
	}
}

// stages is the progression of an escalating subject: concern, then
// identification and leakage, then research and capability, then the
// pathway's last steps.
func stages() [4][]int {
	return [4][]int{
		{indSupport, indMaterial, indFixation, indAssociation, indSupport, indFixation},
		{indIdentification, indEnergyBurst, indLastResort, indNovelAggression, indLeakage, indSkills, indFixation},
		{indResearch, indThreat, indLeakage, indWeapons, indResearch, indEnergyBurst},
		{indPlanning, indPreparation, indPlanning, indWeapons, indImplementation},
	}
}

// openers begin a summary, by source kind (sourceKinds order).
func openers() [][]string {
	return [][]string{
		{"Informant reports that", "CHIS states that", "Informant heard that"},
		{"Intercepted messages indicate that", "Lawful intercept shows that", "Call content suggests that"},
		{"Hotline caller reports that", "Anonymous caller says that"},
		{"Community contact reports that", "A neighbour reports that", "Community liaison notes that"},
		{"Partner agency reports that", "Partner liaison relays that", "Overseas partner reports that"},
		{"Open-source monitoring shows that", "Online review notes that"},
		{"Surveillance log notes that", "Mobile surveillance observed that"},
		{"Reporting indicates that", "Information received suggests that"},
	}
}

// phrases describe what the subject did, one list per indicator; the last
// list (index numIndicators) is routine reporting with no indicator.
func phrases() [numIndicators + 1][]string {
	return [numIndicators + 1][]string{
		indSupport: {"voiced approval of recent attacks in a group chat.",
			"praised the use of violence during an argument with a colleague.",
			"said violence against officials would be justified."},
		indMaterial: {"shared violent propaganda videos in an online channel.",
			"downloaded a collection of attack footage.",
			"reposted material glorifying violence."},
		indAssociation: {"met repeatedly with a person convicted of attack planning.",
			"joined a closed online group run by a known violent extremist.",
			"was seen with an associate previously jailed for violent offences."},
		indCriminality: {"was arrested for shoplifting.",
			"is suspected of a fraud against an employer.",
			"was cautioned after a fight outside a bar.",
			"was stopped driving without insurance."},
		indTravel: {"made enquiries about travelling to join an armed group abroad.",
			"booked a one-way flight towards a conflict area."},
		indFixation: {"talks obsessively about a named public figure.",
			"is increasingly preoccupied with a personal grievance.",
			"keeps returning to the same perceived injustice."},
		indIdentification: {"described previous attackers as heroes.",
			"adopted a soldier persona online.",
			"posted images of past attackers with admiring comments."},
		indNovelAggression: {"assaulted a stranger without apparent reason.",
			"damaged a parked car in an unprovoked outburst."},
		indEnergyBurst: {"has sharply increased online activity and meetings.",
			"is suddenly in contact with many new people."},
		indLastResort: {"said time is running out and there is no other way.",
			"wrote a message that reads like a farewell."},
		indThreat: {"sent a threatening message to a council office.",
			"threatened to attack a public event."},
		indLeakage: {"told a friend to stay away from the town centre next week.",
			"hinted to a relative about a planned act of violence."},
		indWeapons: {"sought to buy a firearm through an online contact.",
			"was seen with several large knives.",
			"asked an associate about obtaining a weapon."},
		indSkills: {"has military training from earlier service.",
			"attended a paramilitary-style training weekend."},
		indResearch: {"searched online for crowd layouts of a shopping centre.",
			"researched methods of attack on an online forum.",
			"looked up security arrangements for a public event."},
		indPlanning: {"discussed a date and a target with an associate.",
			"drew up a list of possible targets."},
		indPreparation: {"bought items consistent with attack preparation.",
			"rented a van without a clear reason.",
			"moved money to an associate shortly before a planned date."},
		indImplementation: {"was observed filming the entrances of a busy venue.",
			"travelled to the vicinity of a possible target and walked the route."},
		indDisengagement: {"has cut contact with former associates and started a new job.",
			"left the online groups they used to frequent."},
		indIntervention: {"is engaging well with an intervention mentor.",
			"attended every session of an intervention programme."},
		numIndicators: {"was seen at a retail park.",
			"changed mobile handset.",
			"met an unidentified associate at a café.",
			"has moved to a new address.",
			"was absent from work for a week.",
			"spent the evening at a snooker hall.",
			"travelled by train to another city and returned the same day.",
			"is now working night shifts at a warehouse."},
	}
}

func conditionsTexts() []string {
	return []string{
		"Not to be shared outside the investigation team without originator consent.",
		"Partner consent required before any onward disclosure.",
		"Not for use in evidence; protect the source.",
		"Share only with the originating partner's liaison officer.",
	}
}

func retractReasons() []string {
	return []string{
		"Report withdrawn by the originating source.",
		"Later reporting showed the account to be mistaken.",
		"Subject misidentified; report relates to another person.",
		"Duplicate of earlier reporting recorded in error.",
	}
}

func amendReasons() []string {
	return []string{
		"Re-graded after corroboration.",
		"Re-graded on review by the source handler.",
		"Corrected on supervisor review.",
		"Handling conditions added at the originator's request.",
	}
}

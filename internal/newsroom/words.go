package newsroom

// Immutable word tables the prose generator draws from. Every string here
// must be representable in windows-1252, because the legacy outlet serves
// its pages in that charset (TestWords_FitWindows1252 guards this).

var firstNames = []string{
	"Jane", "Maria", "David", "Aisha", "José", "Zoë", "Chloé", "Renée", "Søren",
	"Björn", "Ana", "Marcus", "Priya", "Tomás", "Héctor", "Léa", "Jürgen",
	"Noémie", "Kwame", "Elena", "Samuel", "Grace", "Omar", "Hannah", "Luis",
	"Mei", "Patrick", "Fatima", "Owen", "Ingrid",
}

var lastNames = []string{
	"Okafor", "Müller", "García", "Dubois", "Nakamura", "O’Brien", "Lindqvist",
	"Fernández", "Schröder", "Kowalski", "Haddad", "Patel", "Thompson", "Reyes",
	"Brennan", "Chen", "Novak", "Ibáñez", "Larsen", "Moreau", "Whitaker",
	"Castillo", "Ferreira", "Abernathy", "Delgado",
}

var places = []string{
	"Millbrook", "Port Ellery", "Cedar Falls", "Riverton", "Ashford", "Lakeview",
	"Greystone", "Harlow", "Brightwater", "Oakmont", "Fairhaven", "Stonebridge",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

// topic is one kind of story: its section, the organisation and subject it
// revolves around, and the sentence templates that make it sound like news.
// Templates use {Place} {Org} {Thing} {Money} {Num} {Pct} {Day} {Person}
// {Official} {Role}; see prose.go.
type topic struct {
	Section   string
	Orgs      []string
	Things    []string
	Role      string
	Headlines []string
	Ledes     []string
	Facts     []string
	Quotes    []string
}

var topics = []topic{
	{
		Section: "local",
		Orgs:    []string{"City Council", "Board of Supervisors"},
		Things:  []string{"road repairs", "the new library", "park upkeep"},
		Role:    "the city’s finance director",
		Headlines: []string{
			"{Place} {Org} approves {Money} budget for {Thing}",
			"{Place} passes {Money} spending plan after late-night vote",
			"Budget fight ends as {Place} backs {Thing}",
		},
		Ledes: []string{
			"The {Place} {Org} voted {Num} to 2 on {Day} night to approve a {Money} budget that sets aside new money for {Thing}.",
			"After three hours of public comment, the {Place} {Org} approved a {Money} spending plan on {Day}.",
		},
		Facts: []string{
			"The plan raises property taxes by {Pct} percent, the first increase in six years.",
			"Residents who spoke at the meeting were sharply divided over the cost of {Thing}.",
			"The budget also funds {Num} new positions in the public works department.",
			"Council members trimmed {Money} from the mayor’s original proposal.",
		},
		Quotes: []string{
			"This budget reflects what people told us they care about",
			"We cannot keep patching the same potholes every spring",
			"Nobody got everything they wanted, and that is how a budget should work",
		},
	},
	{
		Section: "transport",
		Orgs:    []string{"Regional Transit Authority", "Metro Rail"},
		Things:  []string{"the Line 4 extension", "late-night bus service", "the harbour ferry"},
		Role:    "a spokeswoman for the transit authority",
		Headlines: []string{
			"{Org} delays {Thing} by {Num} months",
			"Riders face longer waits as {Org} pushes back {Thing}",
			"{Thing} will open late, {Org} says",
		},
		Ledes: []string{
			"The {Org} said on {Day} that {Thing} will open {Num} months later than planned, citing supply problems.",
			"Commuters in {Place} will wait longer for {Thing} after the {Org} revised its timeline on {Day}.",
		},
		Facts: []string{
			"The project’s cost has grown to {Money}, up {Pct} percent from the first estimate.",
			"About {Num},000 riders a day are expected to use the new service.",
			"Contractors blamed a shortage of signalling equipment for the delay.",
			"The authority will hold a public meeting in {Place} next month.",
		},
		Quotes: []string{
			"We would rather open late than open something that is not safe",
			"Riders have been patient, and we owe them a realistic date",
			"Every week of delay costs the region money and goodwill",
		},
	},
	{
		Section: "weather",
		Orgs:    []string{"National Weather Service", "county emergency office"},
		Things:  []string{"flash flooding", "high winds", "heavy snow"},
		Role:    "a meteorologist with the weather service",
		Headlines: []string{
			"Storm brings {Thing} to {Place}, cutting power to thousands",
			"{Place} cleans up after overnight storm",
			"Thousands without power in {Place} as storm moves east",
		},
		Ledes: []string{
			"A fast-moving storm brought {Thing} to {Place} late on {Day}, knocking out power to about {Num},000 homes.",
			"Crews in {Place} worked through the night after a storm brought {Thing} and downed trees across the region.",
		},
		Facts: []string{
			"The {Org} recorded gusts of up to {Num}0 miles per hour near the coast.",
			"Schools in {Place} opened two hours late on {Day}.",
			"Utility officials said most customers should have power back within {Num} days.",
			"Emergency crews answered more than {Num}00 calls overnight.",
		},
		Quotes: []string{
			"We had trees on power lines in almost every neighbourhood",
			"Please stay away from downed lines and treat them as live",
			"It came through faster than any of the models suggested",
		},
	},
	{
		Section: "business",
		Orgs:    []string{"Harlow Industries", "Brightwater Foods"},
		Things:  []string{"its packaging plant", "the distribution centre", "its research lab"},
		Role:    "the company’s chief executive",
		Headlines: []string{
			"{Org} to close {Thing} in {Place}, cutting {Num}00 jobs",
			"{Place} braces for layoffs as {Org} shuts {Thing}",
			"{Org} confirms closure of {Thing}",
		},
		Ledes: []string{
			"{Org} said on {Day} it will close {Thing} in {Place} by the end of next year, eliminating about {Num}00 jobs.",
			"Workers at {Thing} in {Place} learned on {Day} that {Org} plans to shut the site.",
		},
		Facts: []string{
			"The company reported a {Pct} percent drop in quarterly revenue last month.",
			"{Org} has operated in {Place} since 1987.",
			"State officials said they would offer retraining grants worth {Money}.",
			"The union representing the workers said it was not consulted.",
		},
		Quotes: []string{
			"This was the hardest decision we have made as a company",
			"These are families who have given this plant their whole careers",
			"We will do everything we can to help people find new work",
		},
	},
	{
		Section: "education",
		Orgs:    []string{"school board", "Unified School District"},
		Things:  []string{"the later start time", "the new phone ban", "the four-day week"},
		Role:    "the district superintendent",
		Headlines: []string{
			"{Place} {Org} adopts {Thing} for next fall",
			"Parents split as {Place} schools approve {Thing}",
			"{Thing} is coming to {Place} schools",
		},
		Ledes: []string{
			"The {Place} {Org} voted on {Day} to adopt {Thing}, a change that will affect about {Num},000 students.",
			"Students in {Place} will see {Thing} next fall after a {Num} to 3 vote by the {Org}.",
		},
		Facts: []string{
			"A district survey found {Pct} percent of parents supported the change.",
			"The change is expected to cost {Money} in its first year.",
			"Teachers’ union leaders asked for more time to study the plan.",
			"Similar policies have been adopted by {Num} nearby districts.",
		},
		Quotes: []string{
			"Our students deserve a school day built around how they learn",
			"We heard the concerns and we will keep listening",
			"The research on this is clearer than people think",
		},
	},
	{
		Section: "health",
		Orgs:    []string{"St. Brendan’s Hospital", "county health department"},
		Things:  []string{"the emergency room expansion", "a new maternity ward", "the mobile clinic"},
		Role:    "the hospital’s chief medical officer",
		Headlines: []string{
			"{Org} opens {Thing} in {Place}",
			"{Place} gets {Thing} after years of delays",
			"{Thing} opens its doors in {Place}",
		},
		Ledes: []string{
			"{Org} opened {Thing} in {Place} on {Day}, a {Money} project that took nearly five years to complete.",
			"Patients in {Place} began using {Thing} on {Day}, officials at {Org} said.",
		},
		Facts: []string{
			"The expansion adds {Num}0 beds and cuts average waiting times by {Pct} percent.",
			"About half of the cost was covered by a state grant.",
			"The hospital hired {Num}0 nurses to staff the new unit.",
			"Local leaders had lobbied for the project since 2019.",
		},
		Quotes: []string{
			"People should not have to drive an hour to get care",
			"Our staff have waited a long time for a space like this",
			"This changes what we can offer families in the valley",
		},
	},
}

var updateLines = []string{
	"Officials said they would release more details later in the day.",
	"Police said the road had reopened to traffic.",
	"A spokesperson said the agency was reviewing the figures.",
	"Crews were still at the scene, according to the fire department.",
}

var correctionLines = []string{
	"misstated the number of people affected",
	"misspelled the name of a council member",
	"gave an incorrect date for the public meeting",
	"misattributed a quote to the wrong official",
}

package resolve

import "strings"

// nicknameGroups lists given names that are used for one another: a formal
// name with its common short forms and pet forms, and the same name in the
// spellings of neighbouring languages. A token may sit in several groups
// (al is short for Albert, Alan and Alfred). Written for this package from
// general knowledge of English and European naming; it is deliberately
// modest, since a nickname match is strong evidence only when it is common.
const nicknameGroups = `
abigail abby abbie gail
abraham abe abram
albert al bert bertie
alan allan allen al
alfred alf alfie al fred freddie
alexander aleksandr oleksandr alex alec alek sasha sacha sandy xander sandro
alexandra aleksandra alex sasha sandra sandy lexi
andrew andy drew andreas andre andrei andriy
anthony antony tony anton antonio
arthur art artie
barbara barb barbie babs
benjamin ben benny benji
bernard bernie barney
catherine katherine kathryn katharine kate katie kathy cathy kat kitty ekaterina yekaterina katya
charles charlie chuck chas karl carl carlos
christopher chris kit topher kris
christina christine kristina chris tina chrissy kristine
daniel dan danny
david dave davy davey
deborah debra debbie deb
dennis denis den denny
donald don donnie
dorothy dot dottie dolly
edward ed eddie ted teddy ned
edwin ed eddie
elizabeth elisabeth liz lizzie beth betty bess bessie eliza libby elsa lisa liza elise
eleanor elinor ellie nell nellie nora
emily em emmy millie
eugene gene
frances fran fanny frankie
francis frank frankie fran francisco francesco franz
frederick frederic fred freddie freddy fritz
gabriel gabe gabby
geoffrey jeffrey jeff geoff
gerald gerry jerry
gregory greg
harold hal harry
henry harry hank hal heinrich enrique henri
isabel isabella isobel bella izzy isabelle
jacob jake jakob yakov
james jim jimmy jamie diego jaime
jennifer jenny jen jenna
john jon jonathan johnny jack juan jean johann johannes giovanni ivan ian sean shaun shawn evan hans
jonathan jon jonny nathan
joseph joe joey jose giuseppe josef yusuf yosef
judith judy jude
katherine kate kit
lawrence laurence larry laurie lorenzo
leonard leo len lenny
lewis louis lou
margaret maggie meg peggy madge marge margie greta rita daisy
mary molly polly mae maria marie miriam maryam
matthew matt matty
michael mike mick mickey mikhail mikey miguel michel
nicholas nick nicky nico nikolai klaus
patricia pat patty tricia trish
patrick pat paddy
peter pete piotr pyotr pedro pierre petr
philip phillip phil pip
rebecca becky becca
richard rick ricky dick rich richie
robert bob bobby rob robbie bert
ronald ron ronnie
samuel sam sammy
samantha sam sammie
sarah sara sally sadie
stephen steven steve stevie stefan esteban
susan susanna suzanne sue susie suzy
theodore ted teddy theo
thomas tom tommy tomas
timothy tim timmy
victoria vicky tori
vincent vince vinny
virginia ginny ginger
walter walt wally
william bill billy will willie willy liam wilhelm guillermo
zachary zach zack
dmitri dmitry dima
vladimir volodymyr vova volodya
mikhail misha
nikolai kolya
yevgeny evgeny zhenya eugene
ekaterina katya
olga olya
tatiana tatyana tanya
natalia natalya natasha natalie
anastasia nastya stacy
maria masha
ivan vanya
`

// nicknames indexes nicknameGroups: token → the groups it belongs to.
type nicknames map[string][]int

func buildNicknames() nicknames {
	n := make(nicknames)
	for i, line := range strings.Split(strings.TrimSpace(nicknameGroups), "\n") {
		for _, w := range strings.Fields(line) {
			n[w] = append(n[w], i)
		}
	}
	return n
}

// nick is the index, built once; it is never written after.
var nick = buildNicknames()

// related reports whether a and b are different names that share a group.
func (n nicknames) related(a, b string) bool {
	for _, g := range n[a] {
		for _, h := range n[b] {
			if g == h {
				return true
			}
		}
	}
	return false
}

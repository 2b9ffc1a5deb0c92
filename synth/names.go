package synth

import "strings"

// origin is one group of given and family names that commonly occur
// together. Groups exist only so that the caseload carries the variety of
// names a UK register holds (and the spelling and transliteration problems
// that come with it); the group is drawn on its own random stream, never
// from or into a subject's role in the scenario.
type origin struct {
	name   string
	weight int
	given  []string
	family []string
	// familyFirst is the share of full names written family name first.
	familyFirst float64
}

// Origins returns the names of the name-origin groups, in the order the
// generator uses them.
func Origins() []string {
	os := origins()
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.name
	}
	return out
}

// list splits a table of names; an underscore stands for a space inside a
// name ("Van_Dijk").
func list(s string) []string {
	f := strings.Fields(s)
	for i, v := range f {
		f[i] = strings.ReplaceAll(v, "_", " ")
	}
	return f
}

// origins returns the name tables. It builds them afresh on each call, so
// the package holds no mutable state; Write calls it once.
func origins() []origin {
	return []origin{
		{name: "british_irish", weight: 4,
			given: list(`James John David Michael Daniel Thomas Jack Oliver Harry George William Ryan Liam Connor Sean
				Callum Jamie Lewis Aaron Kieran Declan Ciaran Patrick Owen Rhys Gareth Stuart Craig Darren Lee
				Sarah Emma Laura Rebecca Claire Hannah Sophie Chloe Megan Niamh Siobhan Aoife Kerry Gemma Leanne`),
			family: list(`Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
				White Roberts Green Hall Wood Jackson Clarke Murphy Kelly O'Brien Byrne Ryan O'Connor Walsh Doyle
				McCarthy Gallagher Campbell Stewart MacDonald Reid Morrison Hughes Edwards Lloyd Price Fletcher`)},
		{name: "pakistani", weight: 1,
			given: list(`Imran Bilal Usman Kamran Faisal Asif Tariq Zubair Adnan Shahid Nadeem Waqas Junaid Zeeshan
				Hamza Saad Fahad Arslan Danish Haris Sana Ayesha Fatima Saima Nadia Rabia Hina Mehwish Amna Bushra
				Sadia Uzma Iqra Zainab`),
			family: list(`Khan Hussain Ahmed Iqbal Akhtar Qureshi Malik Butt Chaudhry Raja Mirza Sheikh Siddiqui Anwar
				Rashid Javed Aslam Bashir Rafiq Nawaz Saleem Yousaf Mahmood Abbasi Gondal Bhatti Cheema Awan Kiani
				Shah Ashraf`)},
		{name: "indian", weight: 1,
			given: list(`Rahul Amit Vikram Arjun Rohan Sanjay Ravi Anil Suresh Rajesh Harpreet Gurpreet Jaswinder
				Manpreet Kuldeep Arun Deepak Nikhil Kiran Pradeep Priya Anjali Pooja Neha Sunita Kavita Meera Divya
				Lakshmi Simran Rupinder Asha Nisha Rekha`),
			family: list(`Patel Sharma Singh Kumar Gupta Shah Mehta Desai Joshi Reddy Nair Iyer Rao Verma Kaur Gill
				Sandhu Sidhu Dhillon Bains Chopra Kapoor Malhotra Bhatt Pillai Menon Mistry Parmar Chauhan Thakkar
				Solanki Lal`)},
		{name: "bangladeshi", weight: 1,
			given: list(`Abdul Rahim Karim Shahin Jamal Kamal Mizanur Habibur Anwar Rafiqul Shafiq Monir Sohel Rubel
				Nazrul Faruk Shamim Jahangir Mamun Sumon Nasrin Shirin Rokeya Salma Rehana Taslima Nazma Shahana
				Roksana Jesmin Parvin Rumana Farhana Sharmin`),
			family: list(`Rahman Uddin Miah Begum Islam Hossain Ali Choudhury Ahmed Alam Haque Sarkar Sikder Talukdar
				Mondal Bhuiyan Kabir Karim Mollah Sultana Akter Khatun Siddique Chowdhury Biswas Howlader Majumder
				Rashid Matin Aziz`)},
		{name: "arabic", weight: 1,
			given: list(`Mohammed Muhammad Ahmad Mahmoud Omar Khalid Youssef Ibrahim Mustafa Hassan Hussein Ali Karim
				Tarek Walid Sami Rami Nabil Faris Ziad Layla Mariam Noor Huda Rania Dina Salma Yasmin Lina Reem
				Samira Hanan Amal Nour`),
			family: list(`Al-Sayed Haddad Khoury Nasser Mansour Saleh Hamdan Aziz Farouk Darwish Hamad Jaber Barakat
				Sabbagh Khalil Najjar Shami Masri Qasim Rashed Awad Zaydan Ghanem Bakr Suleiman Othman Abboud
				Al-Amin Hijazi Tamimi El-Sayed`)},
		{name: "somali", weight: 1,
			given: list(`Abdi Abdirahman Abdullahi Mohamed Ahmed Hassan Hussein Ismail Yusuf Omar Farah Liban Mahad
				Guled Hamse Bashir Jama Abdiweli Mukhtar Sahal Hodan Ayaan Faduma Hibo Ifrah Khadra Sagal Ubah
				Nimco Ladan Asha Deeqa Sahra Idil`),
			family: list(`Ali Farah Mohamed Hassan Warsame Abdi Jama Yusuf Hirsi Osman Egal Nur Aden Dahir Gedi
				Mohamud Abdullahi Ismail Duale Elmi Hussein Omar Guled Samatar Barre Adan Shire Mire Robleh
				Warsame-Ali Kahin`)},
		{name: "turkish", weight: 1,
			given: list(`Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Serkan Volkan Kemal Cem Tolga
				Oğuz Barış Kaan Onur Selim Ayşe Fatma Emine Zeynep Elif Merve Özlem Gül Derya Esra Selin Şebnem
				Hülya Nurcan`),
			family: list(`Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
				Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Erdem Güneş Aksoy Tekin Ünal Bulut Keskin Acar`)},
		{name: "kurdish", weight: 1,
			given: list(`Azad Rebin Shvan Dilshad Karwan Hemin Soran Baran Rêzan Aram Hawre Zana Dara Kawa Shirwan
				Bakhtiyar Sarbast Nawzad Rizgar Botan Jîn Rojda Nazdar Shilan Bêrîvan Hêvî Avin Dilan Gulistan
				Shadan Roza Berfin Zozan`),
			family: list(`Barzani Rashid Ahmed Kareem Hamid Mahmud Qadir Aziz Salih Mustafa Ismail Tahir Hussein
				Sharif Bakir Jaf Hawrami Zebari Doski Baban Kakayi Rekani Botani Amedi Goran Shwani Hasan Khoshnaw
				Sorani Mergasori`)},
		{name: "polish", weight: 1,
			given: list(`Piotr Krzysztof Andrzej Tomasz Paweł Marcin Michał Łukasz Jakub Grzegorz Mateusz Kamil
				Dawid Adam Rafał Wojciech Sebastian Bartosz Damian Szymon Anna Katarzyna Małgorzata Agnieszka Magdalena
				Joanna Ewa Monika Karolina Aleksandra Justyna Dorota Natalia Zofia`),
			family: list(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański
				Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski
				Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Majewski Olszewski Stępień Górski Rutkowski`)},
		{name: "romanian", weight: 1,
			given: list(`Andrei Alexandru Mihai Ionuț Florin Cristian Adrian Gabriel Bogdan Marius Ștefan Vlad Radu
				Cătălin Sorin Dragoș Costel Nicolae Ciprian Lucian Maria Elena Ioana Andreea Alina Cristina Mihaela
				Roxana Simona Daniela Gabriela Oana Raluca Bianca`),
			family: list(`Popescu Ionescu Popa Pop Radu Dumitru Stoica Stan Gheorghe Munteanu Constantin Matei Ciobanu
				Rusu Moldovan Lazăr Dinu Toma Florea Neagu Diaconu Mocanu Vasile Marin Tudor Barbu Nistor Preda
				Zamfir Mihăilă Sârbu`)},
		{name: "russian_ukrainian", weight: 1,
			given: list(`Aleksandr Dmitri Sergei Andriy Oleksandr Mykola Ivan Vladimir Yuri Pavel Maksym Bohdan Taras
				Nikolai Igor Oleg Artem Viktor Denys Roman Olena Natalia Tetiana Iryna Svetlana Yulia Oksana Anastasia
				Kateryna Ekaterina Galina Lyudmila Daria Polina`),
			family: list(`Ivanov Petrov Sidorov Smirnov Kuznetsov Popov Volkov Sokolov Morozov Novikov Shevchenko
				Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Kovalchuk Oliynyk Lysenko Marchenko Savchenko
				Rudenko Pavlenko Zakharov Orlov Lebedev Egorov Fedorov Yakovlev`)},
		{name: "chinese", weight: 1,
			given: list(`Wei Jun Hao Lei Jian Yong Tao Ming Qiang Bo Chen Gang Jie Peng Hui Xin Yu Kai Zhen Long
				Fang Ying Li Na Mei Xiu Yan Jing Lan Hong Xia Ling Qing Ting`),
			family: list(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng
				Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao`),
			familyFirst: 0.3},
		{name: "vietnamese", weight: 1,
			given: list(`Minh Hùng Dũng Tuấn Hoàng Nam Quang Thắng Long Phúc Khánh Đức Huy Tài Bảo Văn_Hải Văn_Nam
				Văn_Tùng Trung Sơn Lan Hương Linh Mai Trang Thảo Ngọc Hà Thu Hạnh Thị_Lan Thị_Hoa Thị_Mai Phương
				Nhung`),
			family: list(`Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lâm Mai
				Tô Cao Quách Hà Chu Tạ Lưu Triệu Thái Kiều Đoàn`),
			familyFirst: 0.5},
		{name: "nigerian", weight: 1,
			given: list(`Oluwaseun Adebayo Olumide Babatunde Temitope Oluwafemi Ayodele Kayode Tunde Segun Chukwuemeka
				Chinedu Emeka Obinna Ikenna Nnamdi Chidi Uchenna Ifeanyi Kelechi Funmilayo Folake Yetunde Bukola
				Abimbola Titilayo Ngozi Chiamaka Adaeze Nkechi Chioma Amaka Ifeoma Ebere`),
			family: list(`Adeyemi Okafor Okonkwo Adebayo Ogunleye Olawale Adewale Balogun Ogunbiyi Afolabi Oyelaran
				Akinola Babalola Ojo Adeleke Eze Nwosu Okeke Obi Nwachukwu Onyeka Chukwu Okoro Ibe Nnaji Uzoma
				Anyanwu Ogbonna Nwankwo Agu`)},
		{name: "west_african", weight: 1,
			given: list(`Kwame Kofi Kwabena Yaw Kojo Kwesi Kwaku Ebo Nana Fiifi Mamadou Ousmane Abdoulaye Moussa
				Ibrahima Cheikh Lamine Sekou Alhaji Foday Ama Akosua Abena Efua Adwoa Yaa Esi Fatou Aminata Mariama
				Awa Kadiatou Isatou Hawa`),
			family: list(`Mensah Asante Owusu Boateng Osei Appiah Agyeman Darko Addo Ansah Amoah Ofori Danquah
				Diallo Ndiaye Diop Sow Fall Ba Cissé Touré Traoré Camara Keita Koroma Kamara Conteh Sesay Bangura
				Jalloh`)},
		{name: "spanish_portuguese", weight: 1,
			given: list(`José Juan Carlos Javier Miguel Alejandro Pablo Sergio Diego Manuel João Pedro Tiago Rui Nuno
				Luís Gonçalo André Ricardo Paulo Lucía Carmen Elena Marta Paula Sofía Raquel Inês Beatriz Mariana
				Catarina Joana Ana Rita`),
			family: list(`García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz
				Hernández Díaz Moreno Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Gonçalves
				Almeida Carvalho Ribeiro Lopes Teixeira`)},
		{name: "french", weight: 1,
			given: list(`Jean Pierre Nicolas Julien Sébastien Thomas Antoine Mathieu Guillaume Alexandre François
				Laurent Olivier Cédric Jérôme Benoît Théo Hugo Maxime Loïc Marie Camille Julie Céline Aurélie Élodie
				Mathilde Claire Isabelle Manon Léa Chloé Amélie Noémie`),
			family: list(`Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre
				Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet
				François Martinez Legrand Garnier`)},
		{name: "german", weight: 1,
			given: list(`Lukas Jonas Felix Maximilian Paul Leon Tobias Florian Stefan Matthias Jürgen Klaus Uwe Dieter
				Jörg Sven Timo Kai Niklas Moritz Anna Lena Katharina Julia Laura Sabine Jana Miriam Johanna Franziska
				Ute Birgit Lea Hannah`),
			family: list(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
				Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange
				Schmitt Werner Krause Meier Lehmann Köhler`)},
		{name: "greek", weight: 1,
			given: list(`Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis Christos Vasileios Athanasios
				Evangelos Michail Stavros Spyridon Theodoros Andreas Kostas Yannis Nikos Petros Alexandros Maria
				Eleni Aikaterini Vasiliki Sofia Angeliki Georgia Dimitra Konstantina Paraskevi Despina Eirini
				Chrysoula Anastasia`),
			family: list(`Papadopoulos Papadakis Georgiou Nikolaidis Karagiannis Vlachos Oikonomou Pappas Konstantinou
				Christodoulou Dimitriou Ioannou Antoniou Makris Alexiou Angelopoulos Theodorou Michailidis
				Papageorgiou Kyriakou Stavrou Panagiotou Kostopoulos Vasileiou Athanasiou Petridis Lambrou
				Charalampous Markou Zervas`)},
		{name: "albanian", weight: 1,
			given: list(`Arben Besnik Dritan Edmond Fatmir Gëzim Ilir Klodian Luan Mentor Ndriçim Petrit Redon Sokol
				Shpëtim Valon Ardit Erion Endrit Blerim Arta Besa Drita Elira Flutura Jonida Klea Lindita Mimoza
				Rozafa Teuta Vjosa Entela Anila`),
			family: list(`Hoxha Shehu Krasniqi Berisha Gashi Morina Kelmendi Bytyqi Hasani Rama Dervishi Leka Dushku
				Kola Marku Prifti Çela Bajrami Kastrati Mema Gjoka Shala Halili Zeneli Lika Toska Basha Sula Musta
				Dibra`)},
		{name: "caribbean", weight: 1,
			given: list(`Delroy Winston Leroy Marlon Desmond Clive Errol Trevor Junior Andre Devon Kemar Jermaine
				Courtney Shane Dwayne Tyrone Neville Lloyd Rohan Marcia Paulette Sharon Yvonne Beverley Claudette
				Jacqueline Shanice Tanisha Keisha Simone Kimberley Natasha Latoya`),
			family: list(`Campbell Brown Williams Thompson Johnson Grant Clarke Francis Bailey Reid Morgan Gordon
				Walters Spencer Henry Lewis Richards Stewart Barrett Hylton Gayle McKenzie Samuels Forbes Bryan
				Lindo Powell Wright Dacres Bennett`)},
		{name: "jewish", weight: 1,
			given: list(`David Daniel Benjamin Jacob Samuel Joshua Nathan Aaron Eli Noam Yosef Moshe Avraham Chaim
				Menachem Shmuel Ari Gideon Asher Reuven Rachel Leah Miriam Sarah Esther Tamar Naomi Hannah Shira
				Rivka Chaya Yael Devorah Talia`),
			family: list(`Cohen Levy Goldberg Friedman Schwartz Katz Rosenberg Shapiro Klein Weiss Stern Goldstein
				Rosen Greenberg Kaplan Levin Adler Feldman Horowitz Bernstein Mizrahi Peretz Biton Dahan Azoulay
				Gold Silver Abrahams Jacobs Leibovitz Blum`)},
		{name: "persian", weight: 1,
			given: list(`Reza Ali Mohammad Hossein Mehdi Amir Hamid Saeed Behnam Dariush Kourosh Arash Babak Farhad
				Kaveh Omid Pouya Navid Siavash Shahram Maryam Fatemeh Zahra Narges Shirin Parisa Leila Azadeh
				Mahsa Niloufar Roya Setareh Soheila Yasaman`),
			family: list(`Ahmadi Hosseini Mohammadi Rezaei Moradi Karimi Jafari Rahimi Hashemi Mousavi Ghorbani
				Sadeghi Kazemi Bagheri Ebrahimi Nazari Tehrani Shirazi Esfahani Farahani Amini Najafi Rostami
				Soltani Akbari Salehi Zamani Heydari Kamali Yazdani`)},
		{name: "italian", weight: 1,
			given: list(`Marco Luca Giuseppe Francesco Alessandro Andrea Matteo Lorenzo Davide Simone Federico
				Riccardo Stefano Giovanni Antonio Paolo Fabio Massimo Roberto Salvatore Giulia Francesca Chiara Sara
				Valentina Alessia Martina Federica Elisa Silvia Giorgia Paola Roberta Ilaria`),
			family: list(`Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
				De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi
				Caruso Ferrara Galli Martini Leone`)},
		{name: "east_african", weight: 1,
			given: list(`Dawit Yonas Tesfaye Bereket Henok Samuel Abel Kidane Mekonnen Tewodros Filmon Habtom Ermias
				Solomon Yohannes Amanuel Negash Girma Biniam Natnael Selam Hiwot Meron Tsion Saba Ruth Senait
				Helen Mahlet Rahel Feven Eden Winta Lydia`),
			family: list(`Tesfaye Haile Gebremedhin Mekonnen Bekele Tadesse Alemu Girma Kebede Abebe Woldemariam
				Tekle Ghebreyesus Berhane Asfaw Desta Yohannes Negash Fisseha Kidane Gebru Hagos Tsegaye Weldu
				Mebrahtu Okbay Zerai Andemariam Ghirmay Habte`)},
		{name: "filipino", weight: 1,
			given: list(`Jose Juan Mark Christian John_Paul Jerome Rommel Ramil Arnel Jomar Rey Noel Allan Jayson
				Carlo Miguel Paolo Bong Dindo Arvin Maricel Rowena Jocelyn Marites Analyn Cherry Rosalie Girlie
				Lovely Mary_Grace Kristine Joy Divina Liza`),
			family: list(`Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores
				Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado Dela_Cruz De_Guzman Manalo Pascual
				Dizon Soriano Valdez Gonzales Lacson Macaraeg Tolentino`)},
	}
}

// foldPairs maps letters with diacritics to plain Latin letters, for email
// local parts and for transliteration variants ("Nguyen" for "Nguyễn").
// Runes at the same position correspond.
func foldTable() map[rune]string {
	const from = "àáảãạăằắẳẵặâầấẩẫậäåāą" + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄ" +
		"èéẻẽẹêềếểễệëēę" + "ÈÉẺẼẸÊỀẾỂỄỆËĒĘ" +
		"ìíỉĩịîïıī" + "ÌÍỈĨỊÎÏİĪ" +
		"òóỏõọôồốổỗộơờớởỡợöøō" + "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌ" +
		"ùúủũụưừứửữựûüū" + "ÙÚỦŨỤƯỪỨỬỮỰÛÜŪ" +
		"ỳýỷỹỵÿ" + "ỲÝỶỸỴŸ" +
		"đĐçÇćĆčČłŁńŃñÑśŚšŠșȘşŞțȚţŢźŹżŻžŽğĞ"
	const to = "aaaaaaaaaaaaaaaaaaaaa" + "AAAAAAAAAAAAAAAAAAAAA" +
		"eeeeeeeeeeeeee" + "EEEEEEEEEEEEEE" +
		"iiiiiiiii" + "IIIIIIIII" +
		"oooooooooooooooooooo" + "OOOOOOOOOOOOOOOOOOOO" +
		"uuuuuuuuuuuuuu" + "UUUUUUUUUUUUUU" +
		"yyyyyy" + "YYYYYY" +
		"dDcCcCcClLnNnNsSsSsSsStTtTzZzZzZgG"
	m := make(map[rune]string, len(to)+4)
	fr := []rune(from)
	for i, r := range fr {
		m[r] = to[i : i+1]
	}
	m['ß'] = "ss"
	m['œ'] = "oe"
	m['æ'] = "ae"
	return m
}

// fold writes s without diacritics.
func fold(table map[rune]string, s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
		} else if v, ok := table[r]; ok {
			b.WriteString(v)
		}
	}
	return b.String()
}

// phoneRanges returns the UK numbers Ofcom reserves for drama and fiction,
// 1,000 in each range: the E.164 prefix and the national form's prefix,
// each completed by three digits. No real person has one.
func phoneRanges() [][2]string {
	return [][2]string{
		{"+447700900", "07700 900"},
		{"+441632960", "01632 960"},
		{"+441134960", "0113 496 0"},
		{"+441144960", "0114 496 0"},
		{"+441154960", "0115 496 0"},
		{"+441164960", "0116 496 0"},
		{"+441174960", "0117 496 0"},
		{"+441184960", "0118 496 0"},
		{"+441214960", "0121 496 0"},
		{"+441314960", "0131 496 0"},
		{"+441414960", "0141 496 0"},
		{"+441514960", "0151 496 0"},
		{"+441614960", "0161 496 0"},
		{"+441914980", "0191 498 0"},
		{"+442079460", "020 7946 0"},
		{"+442896496", "028 9649 6"},
		{"+442920180", "029 2018 0"},
	}
}

// towns are invented place names.
func towns() []string {
	return list(`Ashbury Brackenford Caldermouth Dunmere Elmhurst_Vale Farrowby Greystock_Bridge Hallowmere
		Ironbridge_Cross Kestrelford Larkhaven Marlowe_Green Northwick_Sands Oakhollow Pennerby Quarrington
		Ravensmoor Saltcombe_Regis Thornbury_Heath Upperdale Wrenfield Yarrowgate`)
}

// streetWords and streetKinds make invented street names.
func streetWords() []string {
	return list(`Larkspur Foxglove Amberley Candlewick Mistletoe Tanners Weavers Copperbeech Hollyhock Juniper
		Millrace Lanternfield Sparrowhawk Bellfounder Cobbler's Marigold Quillon Starling Tinsmith Wainwright
		Nettlebed Harebell Kingfisher Rushmead`)
}

func streetKinds() []string {
	return list(`Road Street Lane Close Avenue Crescent Row Way Grove Gardens Terrace Walk`)
}

// handleWords make invented online handles.
func handleWords() []string {
	return list(`nightowl stormcrow greyfox ironleaf blackpine coldriver zeroline lonewolf redkite silentoak
		northstar quietstorm darkwater steelrain ashcloud frostbyte nomad echo shadowfax driftwood
		lowtide highroad blueember`)
}

// compartments are invented operation names for compartmented cases.
func compartments() []string {
	return list(`OP-KESTREL OP-LANTERN OP-HALYARD OP-BRACKEN OP-CINDER OP-MERIDIAN`)
}

// operationWords name investigations.
func operationWords() []string {
	return list(`Anvil Bramble Cobalt Dovetail Ember Fathom Gannet Harrow Inkwell Juniper Kittiwake Lodestar
		Millstone Nightjar Osprey Pennant Quarry Rampart Sextant Tallow Umber Vesper Wayfarer Yardarm
		Zephyr Alder Bittern Causeway Driftwood Estuary Flint Gorse Heron Isthmus Jackdaw Kelp Lichen
		Marram Nettle Oxbow Plover Quill Rowan Shingle Thistle Upland Vantage Whinchat`)
}

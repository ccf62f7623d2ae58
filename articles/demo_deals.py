"""More real deals for the demo archive, 2015 to 2025, in the shapes of
``articles.demo``: sources, companies, articles, then deals with their bids
and deadlines.

Every fact is one that was widely reported; where we are not sure of one (an
exact closing day, an amount, a headline's wording) the field is left empty
rather than guessed. An article's link is given only where we hold its exact
address, and only an https one. Statuses of the deals still open (rumoured,
in talks, announced, pending approval) are as last reported in 2025.
"""

import datetime
from decimal import Decimal
from typing import Any

from .models import Bid, Deadline, Deal

D = datetime.date

SOURCES = [
    {"slug": "techcrunch", "name": "TechCrunch", "homepage": "https://techcrunch.com/"},
    {"slug": "dw", "name": "DW", "homepage": "https://www.dw.com/"},
    {"slug": "esslinger-zeitung", "name": "Eßlinger Zeitung", "homepage": ""},
    {"slug": "rtbf", "name": "RTBF", "homepage": "https://www.rtbf.be/"},
    {"slug": "liliputing", "name": "Liliputing", "homepage": "https://liliputing.com/"},
    {"slug": "chemeurope", "name": "chemeurope.com", "homepage": "https://www.chemeurope.com/"},
    {"slug": "evening-standard", "name": "Evening Standard", "homepage": ""},
    {"slug": "finanznachrichten", "name": "finanznachrichten.de", "homepage": ""},
    {"slug": "the-news-pk", "name": "The News International", "homepage": ""},
    {"slug": "businesscloud", "name": "BusinessCloud", "homepage": ""},
    {"slug": "coloradoan", "name": "Coloradoan", "homepage": ""},
    {"slug": "le-soir", "name": "Le Soir", "homepage": ""},
    {"slug": "agefi", "name": "L'Agefi", "homepage": ""},
    {"slug": "la-tribune", "name": "La Tribune", "homepage": ""},
    {"slug": "dh", "name": "DH Les Sports+", "homepage": ""},
    {"slug": "seattle-times", "name": "The Seattle Times", "homepage": ""},
    {"slug": "usa-today", "name": "USA Today", "homepage": "https://www.usatoday.com/"},
    {"slug": "collisionweek", "name": "CollisionWeek", "homepage": ""},
    {"slug": "a-news", "name": "A News", "homepage": ""},
    {"slug": "fortune", "name": "Fortune", "homepage": "https://fortune.com/"},
    {"slug": "romandie", "name": "Romandie News", "homepage": ""},
    {"slug": "bfm-business", "name": "BFM Business", "homepage": ""},
    {"slug": "reuters-de", "name": "Reuters (German service)", "homepage": ""},
    {"slug": "itv-news", "name": "ITV News", "homepage": ""},
    {"slug": "city-am", "name": "City A.M.", "homepage": ""},
    {"slug": "triblive", "name": "TribLive", "homepage": ""},
    {"slug": "upi", "name": "UPI", "homepage": "https://www.upi.com/"},
    {"slug": "inside-retail", "name": "Inside Retail", "homepage": ""},
    {"slug": "free-press-journal", "name": "The Free Press Journal", "homepage": ""},
    {"slug": "cash-ch", "name": "cash.ch", "homepage": ""},
    {"slug": "the-independent", "name": "The Independent", "homepage": ""},
    {"slug": "lincoln-daily-news", "name": "Lincoln Daily News", "homepage": ""},
    {"slug": "ville-rail-transports", "name": "Ville, Rail & Transports", "homepage": ""},
    {"slug": "business-today", "name": "Business Today", "homepage": ""},
    {"slug": "nasdaq", "name": "Nasdaq", "homepage": "https://www.nasdaq.com/"},
    {"slug": "sharecast", "name": "Sharecast", "homepage": ""},
    {"slug": "time", "name": "TIME", "homepage": ""},
    {"slug": "slashgear", "name": "SlashGear", "homepage": ""},
    {"slug": "la-times", "name": "Los Angeles Times", "homepage": "https://www.latimes.com/"},
]

# (slug, name, country, parent slug, website, description); a parent is listed
# before its subsidiaries, and may be one of articles.demo's companies.
COMPANIES = [
    (
        "walt-disney",
        "The Walt Disney Company",
        "US",
        None,
        "",
        "Entertainment group based in Burbank, California.",
    ),
    (
        "21st-century-fox",
        "21st Century Fox",
        "US",
        None,
        "",
        "Rupert Murdoch's film and television group; most of it was sold to Disney in 2019.",
    ),
    (
        "comcast",
        "Comcast",
        "US",
        None,
        "",
        "Cable operator and owner of NBCUniversal, based in Philadelphia.",
    ),
    (
        "bayer",
        "Bayer",
        "DE",
        None,
        "",
        "Pharmaceutical and crop-science group based in Leverkusen.",
    ),
    (
        "monsanto",
        "Monsanto",
        "US",
        None,
        "",
        "Seed and herbicide maker based in St. Louis, Missouri; part of Bayer since 2018.",
    ),
    (
        "siemens",
        "Siemens",
        "DE",
        None,
        "",
        "Industrial group based in Munich; its rail business is Siemens Mobility.",
    ),
    (
        "alstom",
        "Alstom",
        "FR",
        None,
        "",
        "Maker of trains and signalling systems, based in Saint-Ouen near Paris.",
    ),
    (
        "nxp",
        "NXP Semiconductors",
        "NL",
        None,
        "",
        "Chip maker based in Eindhoven (automotive, payment and connectivity chips).",
    ),
    ("dow", "Dow Chemical", "US", None, "", "Chemicals maker based in Midland, Michigan."),
    (
        "dupont",
        "DuPont",
        "US",
        None,
        "",
        "Chemicals and materials company based in Wilmington, Delaware.",
    ),
    (
        "ab-inbev",
        "AB InBev",
        "BE",
        None,
        "",
        "Brewer based in Leuven (Budweiser, Stella Artois, Corona).",
    ),
    (
        "sabmiller",
        "SABMiller",
        "GB",
        None,
        "",
        "London-listed brewer of South African origin; taken over by AB InBev in 2016.",
    ),
    (
        "vodafone",
        "Vodafone",
        "GB",
        None,
        "",
        "Mobile and broadband operator based in Newbury, England.",
    ),
    (
        "liberty-global",
        "Liberty Global",
        "GB",
        None,
        "",
        "Cable and broadband group controlled by John Malone.",
    ),
    (
        "unitymedia",
        "Unitymedia",
        "DE",
        "liberty-global",
        "",
        "German cable operator, owned by Liberty Global until 2019.",
    ),
    (
        "twitter",
        "Twitter",
        "US",
        None,
        "",
        "Social network based in San Francisco, renamed X in 2023.",
    ),
    (
        "x-holdings",
        "Elon Musk (X Holdings)",
        "US",
        None,
        "",
        "The company Elon Musk formed to buy Twitter.",
    ),
    (
        "linkedin",
        "LinkedIn",
        "US",
        "microsoft",
        "",
        "Professional social network, owned by Microsoft since 2016.",
    ),
    ("amazon", "Amazon", "US", None, "", "Online retailer and cloud provider based in Seattle."),
    (
        "whole-foods-market",
        "Whole Foods Market",
        "US",
        "amazon",
        "",
        "Organic supermarket chain based in Austin, Texas; owned by Amazon since 2017.",
    ),
    (
        "irobot",
        "iRobot",
        "US",
        None,
        "",
        "Maker of the Roomba robot vacuum cleaner, based in Bedford, Massachusetts.",
    ),
    (
        "salesforce",
        "Salesforce",
        "US",
        None,
        "",
        "Customer-relationship software company based in San Francisco.",
    ),
    (
        "slack",
        "Slack",
        "US",
        "salesforce",
        "",
        "Workplace messaging software, owned by Salesforce since 2021.",
    ),
    (
        "lvmh",
        "LVMH",
        "FR",
        None,
        "",
        "Luxury-goods group based in Paris (Louis Vuitton, Dior, Moët Hennessy).",
    ),
    (
        "tiffany",
        "Tiffany & Co.",
        "US",
        "lvmh",
        "",
        "Jeweller based in New York, owned by LVMH since 2021.",
    ),
    (
        "alimentation-couche-tard",
        "Alimentation Couche-Tard",
        "CA",
        None,
        "",
        "Convenience-store operator based in Laval, Quebec (Couche-Tard, Circle K).",
    ),
    (
        "carrefour",
        "Carrefour",
        "FR",
        None,
        "",
        "Supermarket and hypermarket group based in Massy, near Paris.",
    ),
    ("veolia", "Veolia", "FR", None, "", "Water, waste and energy services group based in Paris."),
    ("suez", "Suez", "FR", None, "", "Water and waste services group based in Paris."),
    (
        "engie",
        "Engie",
        "FR",
        None,
        "",
        "Energy group based in Paris, partly owned by the French state.",
    ),
    (
        "fca",
        "Fiat Chrysler Automobiles",
        "GB",
        None,
        "",
        "Carmaker formed from Fiat and Chrysler, incorporated in the Netherlands with its head office in London; merged into Stellantis in 2021.",
    ),
    (
        "renault",
        "Renault",
        "FR",
        None,
        "",
        "Carmaker based in Boulogne-Billancourt, partly owned by the French state.",
    ),
    (
        "groupe-psa",
        "Groupe PSA",
        "FR",
        None,
        "",
        "Maker of Peugeot, Citroën and Opel cars; merged into Stellantis in 2021.",
    ),
    ("honda", "Honda", "JP", None, "", "Car and motorcycle maker based in Tokyo."),
    ("nissan", "Nissan", "JP", None, "", "Carmaker based in Yokohama, allied with Renault."),
    ("toshiba", "Toshiba", "JP", None, "", "Industrial and electronics group based in Tokyo."),
    (
        "toshiba-memory",
        "Toshiba Memory",
        "JP",
        "toshiba",
        "",
        "Toshiba's flash-memory business, sold in 2018 and later renamed Kioxia.",
    ),
    ("bain-capital", "Bain Capital", "US", None, "", "Private-equity firm based in Boston."),
    ("sk-hynix", "SK Hynix", "KR", None, "", "Memory-chip maker based in Icheon, South Korea."),
    (
        "apple",
        "Apple",
        "US",
        None,
        "",
        "Maker of the iPhone and Mac, based in Cupertino, California.",
    ),
    ("dell", "Dell Technologies", "US", None, "", "Computer maker based in Round Rock, Texas."),
    ("sanofi", "Sanofi", "FR", None, "", "Pharmaceutical group based in Paris."),
    (
        "bioverativ",
        "Bioverativ",
        "US",
        "sanofi",
        "",
        "Haemophilia-treatment company spun off from Biogen in 2017; owned by Sanofi since 2018.",
    ),
    (
        "danone",
        "Danone",
        "FR",
        None,
        "",
        "Food group based in Paris (dairy, plant-based products, waters).",
    ),
    (
        "whitewave",
        "WhiteWave Foods",
        "US",
        "danone",
        "",
        "Maker of organic and plant-based foods (Silk, Horizon Organic, Alpro), based in Denver; owned by Danone since 2017.",
    ),
    ("thyssenkrupp", "thyssenkrupp", "DE", None, "", "Industrial group based in Essen."),
    (
        "thyssenkrupp-steel-europe",
        "thyssenkrupp Steel Europe",
        "DE",
        "thyssenkrupp",
        "",
        "Thyssenkrupp's steel business, based in Duisburg; Germany's largest steelmaker.",
    ),
    (
        "tata-steel",
        "Tata Steel",
        "IN",
        None,
        "",
        "Steelmaker based in Mumbai; owns Tata Steel Europe (IJmuiden, Port Talbot).",
    ),
    (
        "deutsche-boerse",
        "Deutsche Börse",
        "DE",
        None,
        "",
        "Operator of the Frankfurt stock exchange.",
    ),
    (
        "london-stock-exchange",
        "London Stock Exchange Group",
        "GB",
        None,
        "",
        "Operator of the London and Milan stock exchanges.",
    ),
    (
        "kraft-heinz",
        "Kraft Heinz",
        "US",
        None,
        "",
        "Packaged-food maker based in Chicago and Pittsburgh, backed by 3G Capital and Berkshire Hathaway.",
    ),
    (
        "unilever",
        "Unilever",
        "GB",
        None,
        "",
        "Consumer-goods group, then Anglo-Dutch with head offices in London and Rotterdam.",
    ),
    ("jetblue", "JetBlue Airways", "US", None, "", "Airline based in New York."),
    ("spirit-airlines", "Spirit Airlines", "US", None, "", "Low-cost airline based in Florida."),
    ("frontier-airlines", "Frontier Airlines", "US", None, "", "Low-cost airline based in Denver."),
    ("nippon-steel", "Nippon Steel", "JP", None, "", "Japan's largest steelmaker, based in Tokyo."),
    (
        "us-steel",
        "U.S. Steel",
        "US",
        "nippon-steel",
        "",
        "Steelmaker based in Pittsburgh, owned by Nippon Steel since 2025.",
    ),
    (
        "cleveland-cliffs",
        "Cleveland-Cliffs",
        "US",
        None,
        "",
        "Steelmaker and iron-ore miner based in Cleveland, Ohio.",
    ),
    (
        "tapestry",
        "Tapestry",
        "US",
        None,
        "",
        "Owner of Coach, Kate Spade and Stuart Weitzman, based in New York.",
    ),
    (
        "capri-holdings",
        "Capri Holdings",
        "GB",
        None,
        "",
        "Owner of Michael Kors, Versace and Jimmy Choo, with its principal office in London.",
    ),
    ("volkswagen", "Volkswagen Group", "DE", None, "", "Carmaker based in Wolfsburg."),
    ("ford", "Ford", "US", None, "", "Carmaker based in Dearborn, Michigan."),
    (
        "argo-ai",
        "Argo AI",
        "US",
        None,
        "",
        "Self-driving technology company based in Pittsburgh, backed by Ford and Volkswagen; wound down in 2022.",
    ),
    ("unicredit", "UniCredit", "IT", None, "", "Bank based in Milan."),
    (
        "commerzbank",
        "Commerzbank",
        "DE",
        None,
        "",
        "Bank based in Frankfurt; the German state held part of it after the 2008 financial crisis.",
    ),
    (
        "electronic-arts",
        "Electronic Arts",
        "US",
        None,
        "",
        "Video-game publisher based in Redwood City, California (EA Sports FC, The Sims, Battlefield).",
    ),
    ("pif", "Public Investment Fund", "SA", None, "", "Saudi Arabia's sovereign wealth fund."),
    ("silver-lake", "Silver Lake", "US", None, "", "Technology-focused private-equity firm."),
    (
        "affinity-partners",
        "Affinity Partners",
        "US",
        None,
        "",
        "Investment firm founded by Jared Kushner.",
    ),
    (
        "union-pacific",
        "Union Pacific",
        "US",
        None,
        "",
        "Railroad operating in the western United States, based in Omaha, Nebraska.",
    ),
    (
        "norfolk-southern",
        "Norfolk Southern",
        "US",
        None,
        "",
        "Railroad operating in the eastern United States, based in Atlanta.",
    ),
    (
        "bombardier",
        "Bombardier",
        "CA",
        None,
        "",
        "Aircraft maker based in Montreal; sold its rail business to Alstom in 2021.",
    ),
    (
        "bombardier-transportation",
        "Bombardier Transportation",
        "DE",
        "bombardier",
        "",
        "Bombardier's rail-equipment business, based in Berlin; part of Alstom since 2021.",
    ),
    (
        "jindal-steel-international",
        "Jindal Steel International",
        "",
        None,
        "",
        "Steel business of India's Naveen Jindal Group.",
    ),
]

# Headlines as published, in their language; "url" only where we hold the
# exact https address, otherwise None.
ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "comcast-drops-its-pursuit-of-fox",
        "title": "Comcast drops its pursuit of Fox, making way for Disney acquisition",
        "source": "techcrunch",
        "url": "https://techcrunch.com/2018/07/19/comcast-drops-bid-for-fox/",
        "language": "en",
        "published_on": D(2018, 7, 19),
        "author": "",
        "summary": (
            "Comcast says it will no longer pursue 21st Century Fox's film and "
            "television assets and will concentrate on its offer for Sky, leaving "
            "Disney's US$71.3 billion cash-and-stock offer as the only one on the table."
        ),
        "deals": ["disney-21st-century-fox"],
        "companies": ["comcast", "walt-disney", "21st-century-fox"],
    },
    {
        "slug": "bayer-will-monsanto-uebernahme-am-donnerstag-abschliessen",
        "title": "Bayer will Monsanto-Übernahme am Donnerstag abschließen",
        "source": "esslinger-zeitung",
        "url": None,
        "language": "de",
        "published_on": D(2018, 6, 4),
        "author": "",
        "summary": (
            "Bayer says every regulatory approval needed for its takeover of Monsanto "
            "has been received and that it will become Monsanto's sole owner on "
            "7 June; the price now stands at about US$63 billion, and the Monsanto "
            "name will be dropped."
        ),
        "deals": ["bayer-monsanto"],
        "companies": ["bayer", "monsanto"],
    },
    {
        "slug": "bayer-finalizes-monsanto-deal",
        "title": "Bayer finalizes Monsanto deal",
        "source": "dw",
        "url": "https://www.dw.com/en/bayer-finalizes-monsanto-deal/av-44105872",
        "language": "en",
        "published_on": D(2018, 6, 7),
        "author": "",
        "summary": (
            "Almost two years after it was agreed, Bayer completes its purchase of "
            "Monsanto and becomes the world's largest agrochemical company."
        ),
        "deals": ["bayer-monsanto"],
        "companies": ["bayer", "monsanto"],
    },
    {
        "slug": "la-commission-europeenne-rejette-la-fusion-alstom-siemens",
        "title": "La Commission européenne rejette la fusion entre Alstom et Siemens",
        "source": "rtbf",
        "url": "https://www.rtbf.be/info/economie/detail_la-commission-europeenne-rejette-la-fusion-entre-alstom-et-siemens?id=10138424",
        "language": "fr",
        "published_on": D(2019, 2, 6),
        "author": "",
        "summary": (
            "Competition commissioner Margrethe Vestager announces that the European "
            "Commission has prohibited the merger of Alstom with Siemens's rail "
            "business, over high-speed trains and signalling; Siemens's chief "
            "executive Joe Kaeser criticises the decision."
        ),
        "deals": ["siemens-alstom"],
        "companies": ["siemens", "alstom"],
    },
    {
        "slug": "qualcomm-abandons-bid-to-acquire-chip-maker-nxp",
        "title": "Qualcomm abandons bid to acquire chip maker NXP",
        "source": "liliputing",
        "url": "https://liliputing.com/2018/07/qualcomm-abandons-bid-to-acquire-chip-maker-nxp.html",
        "language": "en",
        "published_on": D(2018, 7, 26),
        "author": "",
        "summary": (
            "Without approval from Chinese regulators, Qualcomm gives up its two-year "
            "attempt to buy NXP, pays a US$2 billion termination fee and plans to "
            "spend up to US$30 billion buying back its own shares instead."
        ),
        "deals": ["qualcomm-nxp"],
        "companies": ["qualcomm", "nxp"],
    },
    {
        "slug": "dupont-and-dow-to-combine-in-merger-of-equals",
        "title": "DuPont and DOW to combine in merger of equals",
        "source": "chemeurope",
        "url": "https://www.chemeurope.com/en/news/155997/dupont-and-dow-to-combine-in-merger-of-equals.html",
        "language": "en",
        "published_on": D(2015, 12, 14),
        "author": "",
        "summary": (
            "The boards of DuPont and Dow have approved an all-stock merger of equals "
            "into DowDuPont, which is then to be split into three listed companies: "
            "agriculture, material science and specialty products."
        ),
        "deals": ["dow-dupont"],
        "companies": ["dow", "dupont"],
    },
    {
        "slug": "ab-inbevs-takeover-of-sabmiller-officially-approved",
        "title": "AB InBev's takeover of SABMiller officially approved",
        "source": "evening-standard",
        "url": "https://www.standard.co.uk/business/ab-inbevs-takeover-of-sabmiller-officially-approved-a3356226.html",
        "language": "en",
        "published_on": D(2016, 9, 28),
        "author": "Joanna Hodgson",
        "summary": (
            "Shareholders of both brewers approve AB InBev's £79 billion takeover of "
            "SABMiller, after AB InBev raised its offer when the pound fell following "
            "the Brexit vote; completion is set for 10 October."
        ),
        "deals": ["ab-inbev-sabmiller"],
        "companies": ["ab-inbev", "sabmiller"],
    },
    {
        "slug": "vodafone-will-unitymedia-uebernehmen",
        "title": "Vodafone will Unitymedia übernehmen",
        "source": "finanznachrichten",
        "url": "https://www.finanznachrichten.de/nachrichten-2018-05/43754434-vodafone-will-unitymedia-uebernehmen-003.htm",
        "language": "de",
        "published_on": D(2018, 5, 9),
        "author": "",
        "summary": (
            "Vodafone agrees to buy Liberty Global's cable networks in Germany, the "
            "Czech Republic, Hungary and Romania for €18.4 billion; competition "
            "authorities must approve, and completion is expected in mid-2019."
        ),
        "deals": ["vodafone-liberty-global-europe"],
        "companies": ["vodafone", "liberty-global", "unitymedia"],
    },
    {
        "slug": "elon-musk-announces-ownership-at-twitter",
        "title": "Elon Musk announces ownership at Twitter after finalising purchase deal",
        "source": "the-news-pk",
        "url": "https://www.thenews.com.pk/latest/1004172-elon-musk-announces-ownership-at-twitter-after-finalising-purchase-deal",
        "language": "en",
        "published_on": D(2022, 10, 27),
        "author": "",
        "summary": (
            "Elon Musk takes control of Twitter after settling the US$44 billion "
            "purchase agreed in April, and explains in a statement why he bought it."
        ),
        "deals": ["twitter-elon-musk"],
        "companies": ["twitter", "x-holdings"],
    },
    {
        "slug": "microsoft-to-buy-linkedin-in-26-2-billion-deal",
        "title": "Microsoft to buy LinkedIn in $26.2 billion deal",
        "source": "businesscloud",
        "url": "https://businesscloud.co.uk/news/microsoft-to-buy-linkedin-in-262-billion-deal/",
        "language": "en",
        "published_on": D(2016, 6, 14),
        "author": "",
        "summary": (
            "Microsoft agrees to buy LinkedIn, which keeps its brand and its chief "
            "executive Jeff Weiner; LinkedIn's shares jump by more than 47 per cent."
        ),
        "deals": ["microsoft-linkedin"],
        "companies": ["microsoft", "linkedin"],
    },
    {
        "slug": "amazon-to-buy-whole-foods-market-for-13-7-billion",
        "title": "Amazon to buy Whole Foods Market for $13.7 billion",
        "source": "coloradoan",
        "url": "https://www.coloradoan.com/story/news/2017/06/16/amazon-buy-whole-foods-market-13-7-billion/402854001/",
        "language": "en",
        "published_on": D(2017, 6, 16),
        "author": "",
        "summary": (
            "Amazon agrees to pay US$42 a share in cash for Whole Foods Market, which "
            "keeps its name, its Austin headquarters and John Mackey as chief "
            "executive; shareholders and regulators must approve."
        ),
        "deals": ["amazon-whole-foods"],
        "companies": ["amazon", "whole-foods-market"],
    },
    {
        "slug": "amazon-abandons-irobot-buyout-after-eu-objections",
        "title": "Amazon abandons iRobot buyout after EU objections",
        "source": "dw",
        "url": "https://www.dw.com/en/amazon-abandons-irobot-buyout-after-eu-objections/a-68113631",
        "language": "en",
        "published_on": D(2024, 1, 29),
        "author": "",
        "summary": (
            "Amazon and iRobot call off their deal after the European Commission "
            "voiced concerns that Amazon could hinder rival robot vacuum cleaners on "
            "its marketplace; the UK regulator had cleared it in 2023."
        ),
        "deals": ["amazon-irobot"],
        "companies": ["amazon", "irobot"],
    },
    {
        "slug": "lvmh-et-tiffany-de-nouveau-prets-a-convoler",
        "title": "LVMH et Tiffany de nouveau prêts à convoler, mais à moindre coût",
        "source": "le-soir",
        "url": "https://plus.lesoir.be/334603/article/2020-10-29/update-lvmh-et-tiffany-de-nouveau-prets-convoler-mais-moindre-cout-2",
        "language": "fr",
        "published_on": D(2020, 10, 29),
        "author": "",
        "summary": (
            "LVMH and Tiffany settle their dispute and amend their merger agreement: "
            "LVMH will pay US$131.50 a share instead of the US$135 agreed in 2019."
        ),
        "deals": ["lvmh-tiffany"],
        "companies": ["lvmh", "tiffany"],
    },
    {
        "slug": "l-etat-douche-les-ardeurs-de-couche-tard-sur-carrefour",
        "title": "L’Etat douche les ardeurs de Couche-Tard sur Carrefour",
        "source": "agefi",
        "url": "https://www.agefi.fr/corporate/actualites/quotidien/20210114/l-etat-douche-ardeurs-couche-tard-carrefour-313394",
        "language": "fr",
        "published_on": D(2021, 1, 14),
        "author": "",
        "summary": (
            "France's economy minister Bruno Le Maire says he is not in favour, a "
            "priori, of Couche-Tard's plan to buy Carrefour, invoking France's food "
            "sovereignty."
        ),
        "deals": ["couche-tard-carrefour"],
        "companies": ["alimentation-couche-tard", "carrefour"],
    },
    {
        "slug": "apres-des-mois-de-bataille-veolia-va-racheter-suez",
        "title": "Après des mois de bataille, Veolia va racheter Suez",
        "source": "la-tribune",
        "url": "https://www.latribune.fr/entreprises-finance/industrie/energie-environnement/apres-des-mois-de-bataille-veolia-va-racheter-suez-882163.html",
        "language": "fr",
        "published_on": D(2021, 4, 12),
        "author": "",
        "summary": (
            "Veolia and Suez reach an agreement in principle: Veolia will pay €20.50 a "
            "Suez share, up from €18, and a smaller “new Suez” will be kept together "
            "under mainly French shareholders."
        ),
        "deals": ["veolia-suez"],
        "companies": ["veolia", "suez"],
    },
    {
        "slug": "engie-donne-son-feu-vert-a-la-vente-de-29-9-de-suez-a-veolia",
        "title": "Engie donne son feu vert à la vente de 29,9% de Suez à Veolia",
        "source": "dh",
        "url": None,
        "language": "fr",
        "published_on": D(2020, 10, 5),
        "author": "",
        "summary": (
            "Engie's board accepts Veolia's offer of €3.4 billion for 29.9% of Suez, "
            "taking note of Veolia's unconditional commitment not to launch a hostile "
            "takeover bid for the rest."
        ),
        "deals": ["veolia-engie-suez-stake"],
        "companies": ["engie", "veolia", "suez"],
    },
    {
        "slug": "fiat-chrysler-withdraws-its-offer-for-renault",
        "title": "Fiat Chrysler withdraws its offer for Renault",
        "source": "seattle-times",
        "url": "https://www.seattletimes.com/business/fiat-chrysler-withdraws-its-offer-for-renault/",
        "language": "en",
        "published_on": D(2019, 6, 5),
        "author": "",
        "summary": (
            "Fiat Chrysler walks away from its proposed merger with Renault after "
            "Renault's board postponed its decision at the French government's "
            "request."
        ),
        "deals": ["fca-renault"],
        "companies": ["fca", "renault"],
    },
    {
        "slug": "welcome-stellantis",
        "title": "Welcome, Stellantis! Fiat Chrysler, Peugeot merge to create world's 4th-largest automaker",
        "source": "usa-today",
        "url": "https://www.usatoday.com/story/money/cars/chrysler/2021/01/16/fiat-chrysler-peugeot-merge-to-create-stellantis/4173213001/",
        "language": "en",
        "published_on": D(2021, 1, 16),
        "author": "Eric D. Lawrence",
        "summary": (
            "Fiat Chrysler and PSA formally merge into Stellantis, based in the "
            "Netherlands and led by PSA's Carlos Tavares; its shares start trading "
            "in Milan and Paris, then New York."
        ),
        "deals": ["fca-psa-stellantis"],
        "companies": ["fca", "groupe-psa"],
    },
    {
        "slug": "nissan-and-honda-terminate-mou-on-possible-merger",
        "title": "Nissan and Honda Terminate MOU on Possible Merger",
        "source": "collisionweek",
        "url": "https://collisionweek.com/2025/02/13/nissan-honda-terminate-mou-possible-merger/",
        "language": "en",
        "published_on": D(2025, 2, 13),
        "author": "",
        "summary": (
            "Nissan and Honda end the memorandum of understanding they signed on "
            "23 December 2024 to consider combining their businesses."
        ),
        "deals": ["honda-nissan"],
        "companies": ["honda", "nissan"],
    },
    {
        "slug": "toshiba-says-sells-chip-unit-to-bain-capital",
        "title": "Toshiba says sells chip unit to Bain Capital for around $18 bn",
        "source": "a-news",
        "url": None,
        "language": "en",
        "published_on": D(2017, 9, 20),
        "author": "",
        "summary": (
            "Toshiba will sell its memory-chip business to a group led by Bain "
            "Capital that includes Apple, Dell and SK Hynix, after months of court "
            "battles and rival bids."
        ),
        "deals": ["toshiba-memory-sale"],
        "companies": ["toshiba", "toshiba-memory", "bain-capital", "apple", "dell", "sk-hynix"],
    },
    {
        "slug": "softbank-agrees-to-buy-major-chip-firm",
        "title": "SoftBank Agrees to Buy Major Chip Firm for $32 Billion",
        "source": "fortune",
        "url": "https://fortune.com/2016/07/18/softbank-arm-acquisition",
        "language": "en",
        "published_on": D(2016, 7, 18),
        "author": "",
        "summary": (
            "SoftBank agrees to buy ARM Holdings for £17 a share in cash, about "
            "£24.3 billion, a premium of more than 40% to the previous close."
        ),
        "deals": ["softbank-arm"],
        "companies": ["softbank-group", "arm"],
    },
    {
        "slug": "sanofi-rachete-la-biotech-americaine-bioverativ",
        "title": "Sanofi rachète la biotech américaine Bioverativ pour 11,6 mds USD",
        "source": "romandie",
        "url": None,
        "language": "fr",
        "published_on": D(2018, 1, 22),
        "author": "",
        "summary": (
            "Sanofi announces a definitive agreement to buy Bioverativ for US$105 a "
            "share, a 64% premium, its largest acquisition since Genzyme in 2011."
        ),
        "deals": ["sanofi-bioverativ"],
        "companies": ["sanofi", "bioverativ"],
    },
    {
        "slug": "l-ue-donne-son-feu-vert-au-rachat-de-whitewave-par-danone",
        "title": "L'UE donne son feu vert au rachat de WhiteWave par Danone",
        "source": "bfm-business",
        "url": "https://www.bfmtv.com/economie/consommation/l-ue-donne-son-feu-vert-au-rachat-de-white-wave-par-danone_AN-201612160150.html",
        "language": "fr",
        "published_on": D(2016, 12, 16),
        "author": "",
        "summary": (
            "The European Commission clears Danone's purchase of WhiteWave on "
            "condition that Danone sells its growing-up milk business in Belgium."
        ),
        "deals": ["danone-whitewave"],
        "companies": ["danone", "whitewave"],
    },
    {
        "slug": "eu-kommission-verbietet-stahlfusion-von-thyssen-und-tata-offiziell",
        "title": "EU-Kommission verbietet Stahlfusion von Thyssen und Tata offiziell",
        "source": "reuters-de",
        "url": None,
        "language": "de",
        "published_on": D(2019, 6, 11),
        "author": "",
        "summary": (
            "The European Commission formally prohibits the steel joint venture of "
            "thyssenkrupp and Tata Steel, which thyssenkrupp had already given up in "
            "May, citing higher prices for some kinds of steel."
        ),
        "deals": ["thyssenkrupp-tata-steel"],
        "companies": ["thyssenkrupp", "thyssenkrupp-steel-europe", "tata-steel"],
    },
    {
        "slug": "london-stock-exchanges-21bn-merger-blocked-by-eu",
        "title": "London Stock Exchange's £21bn merger blocked by EU",
        "source": "itv-news",
        "url": None,
        "language": "en",
        "published_on": D(2017, 3, 29),
        "author": "",
        "summary": (
            "The European Commission blocks the merger of the London Stock Exchange "
            "and Deutsche Börse, saying it would have created a de facto monopoly in "
            "clearing fixed-income instruments."
        ),
        "deals": ["deutsche-boerse-lse"],
        "companies": ["london-stock-exchange", "deutsche-boerse"],
    },
    {
        "slug": "kraft-heinz-has-withdrawn-its-takeover-proposal-for-unilever",
        "title": "Kraft Heinz has withdrawn its takeover proposal for Unilever",
        "source": "city-am",
        "url": None,
        "language": "en",
        "published_on": D(2017, 2, 19),
        "author": "Helen Cahill",
        "summary": (
            "In a joint statement, Kraft Heinz and Unilever say Kraft Heinz has "
            "withdrawn its proposal to combine the two companies."
        ),
        "deals": ["kraft-heinz-unilever"],
        "companies": ["kraft-heinz", "unilever"],
    },
    {
        "slug": "us-judge-grounds-jetblue-spirit-merger",
        "title": "U.S. judge grounds JetBlue-Spirit merger; local airport official optimistic",
        "source": "triblive",
        "url": None,
        "language": "en",
        "published_on": D(2024, 1, 16),
        "author": "Joe Napsha",
        "summary": (
            "A federal judge blocks JetBlue's takeover of Spirit Airlines, which the "
            "Justice Department had sued to stop; the piece looks at what it means "
            "for a local airport."
        ),
        "deals": ["jetblue-spirit"],
        "companies": ["jetblue", "spirit-airlines"],
    },
    {
        "slug": "japans-nippon-steel-finalizes-purchase-of-us-steel",
        "title": "Japan's Nippon Steel finalizes purchase of U.S. Steel",
        "source": "upi",
        "url": "https://www.upi.com/Top_News/World-News/2025/06/18/Japan-us-Nippon-US-Steel/1461750265560/",
        "language": "en",
        "published_on": D(2025, 6, 18),
        "author": "Chris Benson",
        "summary": (
            "Nippon Steel completes its purchase of U.S. Steel a week after President "
            "Trump signed off on it; former President Biden had blocked the deal in "
            "January."
        ),
        "deals": ["nippon-steel-us-steel"],
        "companies": ["nippon-steel", "us-steel"],
    },
    {
        "slug": "what-the-end-of-capri-and-tapestrys-merger-means-for-retail",
        "title": "What the end of Capri and Tapestry’s US$8.5 billion merger means for retail",
        "source": "inside-retail",
        "url": "https://insideretail.com.au/sectors/what-the-end-of-capri-and-tapestrys-8-5-billion-merger-means-for-retail-202411",
        "language": "en",
        "published_on": D(2024, 11, 18),
        "author": "Nicole Kirichanskaya",
        "summary": (
            "Capri and Tapestry have terminated their merger agreement, a month after "
            "a federal court let the Federal Trade Commission block the deal."
        ),
        "deals": ["tapestry-capri"],
        "companies": ["tapestry", "capri-holdings"],
    },
    {
        "slug": "ford-volkswagen-expand-alliance-to-electric-autos",
        "title": "Ford, Volkswagen expand alliance to electric autos",
        "source": "free-press-journal",
        "url": "https://www.freepressjournal.in/business/ford-volkswagen-expand-alliance-to-electric-autos",
        "language": "en",
        "published_on": D(2019, 7, 12),
        "author": "",
        "summary": (
            "Volkswagen will invest US$2.6 billion in capital and assets in Ford's "
            "self-driving partner Argo AI, and Ford will use Volkswagen's electric "
            "vehicle platform for Europe from 2023."
        ),
        "deals": ["volkswagen-ford-alliance"],
        "companies": ["volkswagen", "ford", "argo-ai"],
    },
    {
        "slug": "unicredit-erwaegt-commerzbank-beteiligung-aufzustocken",
        "title": "Unicredit erwägt Commerzbank-Beteiligung aufzustocken - Aktie legt zu",
        "source": "cash-ch",
        "url": "https://www.cash.ch/news/unicredit-erwagt-commerzbank-beteiligung-aufzustocken-aktie-legt-zu-747406",
        "language": "de",
        "published_on": D(2024, 9, 11),
        "author": "",
        "summary": (
            "UniCredit, which now holds about 9% of Commerzbank including a stake of "
            "almost 4.5% bought from the German state, will seek approval to go above "
            "9.9%, fuelling talk of a takeover."
        ),
        "deals": ["unicredit-commerzbank"],
        "companies": ["unicredit", "commerzbank"],
    },
    {
        "slug": "electronic-arts-to-be-acquired-and-taken-private",
        "title": "Video game maker Electronic Arts to be acquired and taken private for $55 billion",
        "source": "the-independent",
        "url": "https://www.independent.co.uk/news/electronic-arts-texas-b2835779.html",
        "language": "en",
        "published_on": D(2025, 9, 29),
        "author": "",
        "summary": (
            "Silver Lake, Saudi Arabia's Public Investment Fund and Affinity Partners "
            "agree to pay EA's shareholders US$210 a share, in what would be the "
            "largest take-private of a public company."
        ),
        "deals": ["electronic-arts-take-private"],
        "companies": ["electronic-arts", "pif", "silver-lake", "affinity-partners"],
    },
    {
        "slug": "union-pacific-and-norfolk-seek-1st-transcontinental-railroad",
        "title": "Union Pacific and Norfolk seek 1st transcontinental railroad through a massive merger",
        "source": "lincoln-daily-news",
        "url": "https://archives.lincolndailynews.com/2025/Jul/30/NEWS/business_e.shtml",
        "language": "en",
        "published_on": D(2025, 7, 30),
        "author": "Josh Funk",
        "summary": (
            "Union Pacific agrees to buy Norfolk Southern in an US$85 billion deal "
            "that would create the first railroad from coast to coast in the United "
            "States; regulators are expected to scrutinise it closely."
        ),
        "deals": ["union-pacific-norfolk-southern"],
        "companies": ["union-pacific", "norfolk-southern"],
    },
    {
        "slug": "alstom-reprend-bombardier-aujourd-hui",
        "title": "Alstom reprend Bombardier aujourd’hui",
        "source": "ville-rail-transports",
        "url": "https://www.ville-rail-transports.com/ferroviaire/alstom-reprend-bombardier-aujourdhui/",
        "language": "fr",
        "published_on": D(2021, 1, 29),
        "author": "",
        "summary": (
            "Less than a year after it was announced, Alstom's purchase of Bombardier "
            "Transportation closes today, for about €5.5 billion instead of the "
            "€5.8–6.2 billion first expected."
        ),
        "deals": ["alstom-bombardier-transportation"],
        "companies": ["alstom", "bombardier", "bombardier-transportation"],
    },
    {
        "slug": "salesforce-to-acquire-slack-for-27-7-billion",
        "title": "Salesforce to acquire workplace messaging app Slack for $27.7 billion",
        "source": "business-today",
        "url": "https://www.businesstoday.in/technology/salesforce-to-acquire-workplace-messaging-app-slack-for-$27.7-billion/story/423665.html",
        "language": "en",
        "published_on": D(2020, 12, 2),
        "author": "",
        "summary": (
            "Salesforce will pay US$26.79 in cash and 0.0776 of its own shares for "
            "each Slack share, an enterprise value of about US$27.7 billion."
        ),
        "deals": ["salesforce-slack"],
        "companies": ["salesforce", "slack"],
    },
    {
        "slug": "jindal-steel-submits-offer-to-acquire-thyssenkrupp-steel-europe",
        "title": "Jindal Steel Submits Offer To Acquire Thyssenkrupp Steel Europe",
        "source": "nasdaq",
        "url": "https://www.nasdaq.com/articles/jindal-steel-submits-offer-acquire-thyssenkrupp-steel-europe",
        "language": "en",
        "published_on": D(2025, 9, 16),
        "author": "",
        "summary": (
            "Jindal Steel International submits a non-binding offer for thyssenkrupp "
            "Steel Europe and will begin discussions with thyssenkrupp, promising to "
            "invest more than €2 billion in low-emission steelmaking in Duisburg."
        ),
        "deals": ["jindal-thyssenkrupp-steel-europe"],
        "companies": ["jindal-steel-international", "thyssenkrupp", "thyssenkrupp-steel-europe"],
    },
    # Articles for the deals of articles.demo, which came without one.
    {
        "slug": "adobe-figma-abandon-20bn-merger",
        "title": "Adobe, Figma abandon $20bn merger amid opposition from regulators",
        "source": "sharecast",
        "url": "https://sharecast.com/amp/news/news-and-announcements/adobe-figma-abandon-20bn-merger-amid-opposition-from-regulators--15633288.html",
        "language": "en",
        "published_on": D(2023, 12, 18),
        "author": "",
        "summary": (
            "Adobe and Figma end their planned merger, seeing no clear path to approval "
            "by the UK's Competition and Markets Authority and the European "
            "Commission; Adobe pays Figma a US$1 billion termination fee."
        ),
        "deals": ["adobe-figma"],
        "companies": ["adobe", "figma"],
    },
    {
        "slug": "president-trump-blocks-broadcom-purchase-of-qualcomm",
        "title": "President Trump Blocks Broadcom Purchase of Qualcomm",
        "source": "time",
        "url": None,
        "language": "en",
        "published_on": D(2018, 3, 12),
        "author": "",
        "summary": (
            "On the recommendation of the Committee on Foreign Investment in the "
            "United States, President Trump blocks Singapore-based Broadcom's takeover "
            "of Qualcomm on national-security grounds, while Broadcom is moving its "
            "legal home to the United States."
        ),
        "deals": ["broadcom-qualcomm"],
        "companies": ["broadcom", "qualcomm"],
    },
    {
        "slug": "nvidia-to-withdraw-from-acquisition-of-softbanks-arm",
        "title": "Nvidia to withdraw from acquisition of SoftBank’s Arm",
        "source": "fortune",
        "url": "https://fortune.com/2022/02/07/nvidia-drops-acquisition-arm-chips-softbank",
        "language": "en",
        "published_on": D(2022, 2, 7),
        "author": "Ian King",
        "summary": (
            "Facing regulators' opposition, including a lawsuit by the US Federal Trade "
            "Commission, Nvidia is abandoning its purchase of Arm; SoftBank plans to "
            "list Arm on the stock market instead."
        ),
        "deals": ["nvidia-arm"],
        "companies": ["nvidia", "arm", "softbank-group"],
    },
    {
        "slug": "microsoft-closes-activision-blizzard-acquisition",
        "title": "Microsoft Closes Activision Blizzard Acquisition Following UK Approval",
        "source": "slashgear",
        "url": "https://www.slashgear.com/1419700/uk-microsoft-activision-approval-merger/",
        "language": "en",
        "published_on": D(2023, 10, 13),
        "author": "",
        "summary": (
            "Hours after the UK's Competition and Markets Authority gave its final "
            "approval, Microsoft completes its purchase of Activision Blizzard King."
        ),
        "deals": ["microsoft-activision-blizzard"],
        "companies": ["microsoft", "activision-blizzard"],
    },
    {
        "slug": "kroger-albertsons-merger-plan-blocked-by-federal-judge",
        "title": "Kroger-Albertsons $25-billion merger plan blocked by federal judge",
        "source": "la-times",
        "url": "https://www.latimes.com/business/story/2024-12-10/kroger-albertsons-merger-block",
        "language": "en",
        "published_on": D(2024, 12, 10),
        "author": "",
        "summary": (
            "A federal judge in Oregon grants the Federal Trade Commission a "
            "preliminary injunction against Kroger's US$24.6 billion purchase of "
            "Albertsons, the largest supermarket merger proposed in the United States."
        ),
        "deals": ["kroger-albertsons"],
        "companies": ["kroger", "albertsons"],
    },
]

DEALS: list[dict[str, Any]] = [
    {
        "slug": "disney-21st-century-fox",
        "title": "Disney acquires most of 21st Century Fox, outbidding Comcast",
        "target": "21st-century-fox",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2017, 12, 14),
        "closed_on": D(2019, 3, 20),
        "value": Decimal("71300000000"),
        "currency": "USD",
        "summary": (
            "Disney agreed to buy 21st Century Fox's film and television studios and "
            "most of its cable channels in an all-stock deal. Comcast countered in June "
            "2018 with a higher all-cash offer; Disney raised its own to cash and stock, "
            "and Comcast withdrew in July to concentrate on Sky. Fox shareholders "
            "approved Disney's offer, and the deal closed in March 2019."
        ),
        "bids": [
            {
                "key": "disney-first",
                "bidders": ["walt-disney"],
                "status": Bid.Status.ACCEPTED,
                "amount": Decimal("52400000000"),
                "currency": "USD",
                "submitted_on": D(2017, 12, 14),
                "resolved_on": D(2017, 12, 14),
                "note": "In Disney shares; agreed by Fox's board, then replaced on 20 June "
                "2018 by Disney's raised offer.",
            },
            {
                "key": "comcast",
                "bidders": ["comcast"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("65000000000"),
                "currency": "USD",
                "submitted_on": D(2018, 6, 13),
                "resolved_on": D(2018, 7, 19),
                "note": "All in cash. Comcast said on 19 July 2018 that it would not pursue "
                "the Fox assets further.",
                "sources": ["comcast-drops-its-pursuit-of-fox"],
            },
            {
                "key": "disney-raised",
                "bidders": ["walt-disney"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("71300000000"),
                "currency": "USD",
                "submitted_on": D(2018, 6, 20),
                "resolved_on": D(2019, 3, 20),
                "note": "Half in cash, half in Disney shares.",
                "sources": ["comcast-drops-its-pursuit-of-fox"],
            },
        ],
        "deadlines": [
            {
                "key": "fox-vote",
                "label": "21st Century Fox shareholders vote on Disney's offer",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2018, 7, 27),
                "set_by": "21st Century Fox",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The shareholders approved.",
                "sources": ["comcast-drops-its-pursuit-of-fox"],
            },
        ],
    },
    {
        "slug": "bayer-monsanto",
        "title": "Bayer acquires Monsanto",
        "target": "monsanto",
        "seller": None,
        "countries": ["US", "DE"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2016, 5, 23),
        "closed_on": D(2018, 6, 7),
        "value": Decimal("66000000000"),
        "currency": "USD",
        "summary": (
            "Bayer's first offer for the US seed and herbicide maker was turned down; "
            "after raising it several times it reached an agreement in September 2016, "
            "about US$66 billion including debt. Approvals from some thirty authorities "
            "followed, with large sales of businesses to BASF; the European Commission "
            "cleared the deal in March 2018 and the US Justice Department in May, and "
            "Bayer became Monsanto's sole owner on 7 June 2018."
        ),
        "bids": [
            {
                "key": "first-offer",
                "bidders": ["bayer"],
                "status": Bid.Status.REJECTED,
                "submitted_on": D(2016, 5, 23),
                "resolved_on": D(2016, 5, 24),
                "note": "US$122 a share in cash; Monsanto's board called it incomplete and "
                "financially inadequate.",
            },
            {
                "key": "agreed",
                "bidders": ["bayer"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("66000000000"),
                "currency": "USD",
                "submitted_on": D(2016, 9, 14),
                "resolved_on": D(2018, 6, 7),
                "note": "US$128 a share in cash, including Monsanto's debt, with a US$2 "
                "billion fee for Monsanto if regulators refused.",
                "sources": [
                    "bayer-will-monsanto-uebernahme-am-donnerstag-abschliessen",
                    "bayer-finalizes-monsanto-deal",
                ],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "siemens-alstom",
        "title": "Merger of Siemens's rail business with Alstom",
        "target": "alstom",
        "seller": None,
        "countries": ["FR", "DE"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2017, 9, 26),
        "closed_on": D(2019, 2, 6),
        "summary": (
            "Siemens was to merge its rail business (Siemens Mobility) into Alstom in "
            "exchange for half of the enlarged company, with the support of the French "
            "and German governments. The European Commission found that the merger would "
            "have harmed competition in signalling systems and very high-speed trains, "
            "judged the remedies offered insufficient, and prohibited it on "
            "6 February 2019."
        ),
        "bids": [
            {
                "key": "siemens",
                "bidders": ["siemens"],
                "status": Bid.Status.LAPSED,
                "submitted_on": D(2017, 9, 26),
                "resolved_on": D(2019, 2, 6),
                "note": "Siemens Mobility in exchange for about half of Alstom's shares.",
                "sources": ["la-commission-europeenne-rejette-la-fusion-alstom-siemens"],
            },
        ],
        "deadlines": [
            {
                "key": "commission-decision",
                "label": "European Commission's decision on the merger",
                "kind": Deadline.Kind.REGULATORY_REVIEW,
                "due_on": D(2019, 2, 18),
                "set_by": "European Commission (in-depth review)",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The Commission decided on 6 February 2019: a prohibition.",
            },
        ],
    },
    {
        "slug": "qualcomm-nxp",
        "title": "Qualcomm's takeover of NXP Semiconductors",
        "target": "nxp",
        "seller": None,
        "countries": ["NL", "US", "CN"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2016, 10, 27),
        "closed_on": D(2018, 7, 26),
        "value": Decimal("47000000000"),
        "currency": "USD",
        "summary": (
            "Qualcomm agreed to buy the Dutch chip maker in cash and later raised its "
            "price. Eight of the nine regulators whose approval was needed cleared the "
            "deal, but China's did not act before the purchase agreement expired, amid "
            "the trade dispute between Washington and Beijing. Qualcomm let the "
            "agreement lapse, paid NXP a US$2 billion termination fee and turned to "
            "buying back its own shares."
        ),
        "bids": [
            {
                "key": "qualcomm",
                "bidders": ["qualcomm"],
                "status": Bid.Status.LAPSED,
                "amount": Decimal("47000000000"),
                "currency": "USD",
                "submitted_on": D(2016, 10, 27),
                "resolved_on": D(2018, 7, 26),
                "note": "US$110 a share in cash, raised to US$127.50 in February 2018.",
                "sources": ["qualcomm-abandons-bid-to-acquire-chip-maker-nxp"],
            },
        ],
        "deadlines": [
            {
                "key": "agreement-expiry",
                "label": "Purchase agreement expires unless every approval is in",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2018, 7, 25),
                "set_by": "Purchase agreement between Qualcomm and NXP",
                "status": Deadline.Status.MISSED,
                "extended_to": None,
                "note": "China's market regulator had not approved the deal by then.",
                "sources": ["qualcomm-abandons-bid-to-acquire-chip-maker-nxp"],
            },
        ],
    },
    {
        "slug": "dow-dupont",
        "title": "Dow and DuPont merge into DowDuPont",
        "target": "dupont",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2015, 12, 11),
        "closed_on": D(2017, 8, 31),
        "summary": (
            "An all-stock merger of equals between two of the oldest US chemical "
            "companies, each side's shareholders owning about half of DowDuPont. The "
            "plan from the start was to split the combined group into three listed "
            "companies: agriculture, material science and specialty products."
        ),
        "bids": [
            {
                "key": "dow",
                "bidders": ["dow"],
                "status": Bid.Status.COMPLETED,
                "submitted_on": D(2015, 12, 11),
                "resolved_on": D(2017, 8, 31),
                "note": "One DowDuPont share for each Dow share and 1.282 for each DuPont share.",
                "sources": ["dupont-and-dow-to-combine-in-merger-of-equals"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "ab-inbev-sabmiller",
        "title": "AB InBev takes over SABMiller",
        "target": "sabmiller",
        "seller": None,
        "countries": ["BE", "GB", "ZA"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2015, 10, 13),
        "closed_on": D(2016, 10, 10),
        "value": Decimal("79000000000"),
        "currency": "GBP",
        "summary": (
            "After several rejected approaches, the world's largest brewer agreed terms "
            "with the second largest in October 2015. To win regulators' approval it "
            "sold SABMiller's stakes and brands in the United States, China and Europe; "
            "after the pound fell in the wake of the Brexit vote it raised its offer. "
            "Both companies' shareholders approved in September 2016 and the takeover "
            "completed on 10 October."
        ),
        "bids": [
            {
                "key": "ab-inbev",
                "bidders": ["ab-inbev"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("79000000000"),
                "currency": "GBP",
                "submitted_on": D(2015, 10, 13),
                "resolved_on": D(2016, 10, 10),
                "note": "£44 a share in cash, with a partial share alternative; raised to "
                "£45 in July 2016.",
                "sources": ["ab-inbevs-takeover-of-sabmiller-officially-approved"],
            },
        ],
        "deadlines": [
            {
                "key": "sab-vote",
                "label": "SABMiller shareholders vote on the takeover",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2016, 9, 28),
                "set_by": "SABMiller (scheme of arrangement)",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "Approved by a large majority.",
                "sources": ["ab-inbevs-takeover-of-sabmiller-officially-approved"],
            },
        ],
    },
    {
        "slug": "vodafone-liberty-global-europe",
        "title": "Vodafone buys Liberty Global's businesses in Germany and Central Europe",
        "target": "unitymedia",
        "seller": "liberty-global",
        "countries": ["DE", "CZ", "HU", "RO"],
        "deal_type": Deal.Type.DIVESTITURE,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2018, 5, 9),
        "closed_on": D(2019, 7, 31),
        "value": Decimal("18400000000"),
        "currency": "EUR",
        "summary": (
            "Liberty Global sold its cable networks in Germany (Unitymedia), the Czech "
            "Republic, Hungary and Romania to Vodafone, already Germany's largest cable "
            "operator. The European Commission cleared the deal with conditions in July "
            "2019, and it completed at the end of that month."
        ),
        "bids": [
            {
                "key": "vodafone",
                "bidders": ["vodafone"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("18400000000"),
                "currency": "EUR",
                "countries": ["DE", "CZ", "HU", "RO"],
                "submitted_on": D(2018, 5, 9),
                "resolved_on": D(2019, 7, 31),
                "note": "Including debt.",
                "sources": ["vodafone-will-unitymedia-uebernehmen"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "twitter-elon-musk",
        "title": "Elon Musk buys Twitter",
        "target": "twitter",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2022, 4, 25),
        "closed_on": D(2022, 10, 27),
        "value": Decimal("44000000000"),
        "currency": "USD",
        "summary": (
            "Twitter's board accepted Elon Musk's offer in April 2022. In July Musk "
            "said he was ending the agreement, citing fake accounts; Twitter sued him "
            "in the Delaware Court of Chancery, and its shareholders approved the sale "
            "in September. With a trial approaching, Musk offered to close at the "
            "original price, and the court gave the parties until 28 October; the deal "
            "closed the day before and Twitter left the stock market."
        ),
        "bids": [
            {
                "key": "musk",
                "bidders": ["x-holdings"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("44000000000"),
                "currency": "USD",
                "submitted_on": D(2022, 4, 14),
                "resolved_on": D(2022, 10, 27),
                "note": "US$54.20 a share in cash; Musk sought to terminate the agreement "
                "on 8 July 2022 and was sued by Twitter on 12 July.",
                "sources": ["elon-musk-announces-ownership-at-twitter"],
            },
        ],
        "deadlines": [
            {
                "key": "twitter-vote",
                "label": "Twitter shareholders vote on the sale",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2022, 9, 13),
                "set_by": "Twitter",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The shareholders approved.",
            },
            {
                "key": "court-deadline",
                "label": "Close the purchase or go to trial",
                "kind": Deadline.Kind.COURT,
                "due_on": D(2022, 10, 28),
                "set_by": "Delaware Court of Chancery",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The deal closed on 27 October 2022.",
            },
        ],
    },
    {
        "slug": "microsoft-linkedin",
        "title": "Microsoft acquires LinkedIn",
        "target": "linkedin",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2016, 6, 13),
        "closed_on": D(2016, 12, 8),
        "value": Decimal("26200000000"),
        "currency": "USD",
        "summary": (
            "Microsoft's largest acquisition at the time, paid in cash and financed "
            "with new debt. LinkedIn kept its brand and its chief executive, reporting "
            "to Satya Nadella. The European Commission cleared the deal with "
            "commitments in December 2016, and it closed days later."
        ),
        "bids": [
            {
                "key": "microsoft",
                "bidders": ["microsoft"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("26200000000"),
                "currency": "USD",
                "submitted_on": D(2016, 6, 13),
                "resolved_on": D(2016, 12, 8),
                "note": "US$196 a share in cash, including LinkedIn's net cash.",
                "sources": ["microsoft-to-buy-linkedin-in-26-2-billion-deal"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "amazon-whole-foods",
        "title": "Amazon acquires Whole Foods Market",
        "target": "whole-foods-market",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2017, 6, 16),
        "closed_on": D(2017, 8, 28),
        "value": Decimal("13700000000"),
        "currency": "USD",
        "summary": (
            "Amazon's move into physical grocery stores: an all-cash purchase of the "
            "organic supermarket chain, then under pressure from the activist investor "
            "Jana Partners. Whole Foods' shareholders approved it and the Federal Trade "
            "Commission let it proceed in August 2017."
        ),
        "bids": [
            {
                "key": "amazon",
                "bidders": ["amazon"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("13700000000"),
                "currency": "USD",
                "submitted_on": D(2017, 6, 16),
                "resolved_on": D(2017, 8, 28),
                "note": "US$42 a share in cash, including Whole Foods' net debt.",
                "sources": ["amazon-to-buy-whole-foods-market-for-13-7-billion"],
            },
        ],
        "deadlines": [
            {
                "key": "wfm-vote",
                "label": "Whole Foods Market shareholders vote on the sale",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2017, 8, 23),
                "set_by": "Whole Foods Market",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The shareholders approved.",
            },
        ],
    },
    {
        "slug": "amazon-irobot",
        "title": "Amazon's takeover of iRobot",
        "target": "irobot",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2022, 8, 5),
        "closed_on": D(2024, 1, 29),
        "value": Decimal("1700000000"),
        "currency": "USD",
        "summary": (
            "Amazon agreed to buy the maker of the Roomba. The UK's competition "
            "authority cleared the deal in 2023, but the European Commission objected "
            "that Amazon could favour iRobot over rival robot vacuum cleaners on its "
            "marketplace. The companies ended the agreement in January 2024, before the "
            "Commission's decision; Amazon paid iRobot a termination fee and iRobot "
            "announced it would cut about a third of its staff."
        ),
        "bids": [
            {
                "key": "amazon",
                "bidders": ["amazon"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("1700000000"),
                "currency": "USD",
                "submitted_on": D(2022, 8, 5),
                "resolved_on": D(2024, 1, 29),
                "note": "US$61 a share in cash, lowered to US$51.75 in July 2023 after "
                "iRobot took on new debt. Amazon paid a US$94 million termination fee.",
                "sources": ["amazon-abandons-irobot-buyout-after-eu-objections"],
            },
        ],
        "deadlines": [
            {
                "key": "commission-decision",
                "label": "European Commission's decision on the takeover",
                "kind": Deadline.Kind.REGULATORY_REVIEW,
                "due_on": D(2024, 2, 14),
                "set_by": "European Commission (in-depth review)",
                "status": Deadline.Status.LIFTED,
                "extended_to": None,
                "note": "The deal was called off on 29 January 2024.",
            },
        ],
    },
    {
        "slug": "lvmh-tiffany",
        "title": "LVMH acquires Tiffany, at a renegotiated price",
        "target": "tiffany",
        "seller": None,
        "countries": ["US", "FR"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2019, 11, 25),
        "closed_on": D(2021, 1, 7),
        "value": Decimal("15800000000"),
        "currency": "USD",
        "summary": (
            "Tiffany's board accepted LVMH's third offer in November 2019. During the "
            "pandemic LVMH said, on 9 September 2020, that it could not complete the "
            "deal as it stood, citing a letter from the French foreign ministry; the "
            "two sued each other in Delaware. They settled on 29 October 2020 at a "
            "lower price, Tiffany's shareholders approved the amended deal, and it "
            "closed in January 2021."
        ),
        "bids": [
            {
                "key": "first-agreement",
                "bidders": ["lvmh"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("16200000000"),
                "currency": "USD",
                "submitted_on": D(2019, 11, 25),
                "resolved_on": D(2020, 10, 29),
                "note": "US$135 a share in cash, agreed by Tiffany's board after offers of "
                "US$120 and about US$130. Replaced by the amended agreement.",
                "sources": ["lvmh-et-tiffany-de-nouveau-prets-a-convoler"],
            },
            {
                "key": "amended-agreement",
                "bidders": ["lvmh"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("15800000000"),
                "currency": "USD",
                "submitted_on": D(2020, 10, 29),
                "resolved_on": D(2021, 1, 7),
                "note": "US$131.50 a share in cash.",
                "sources": ["lvmh-et-tiffany-de-nouveau-prets-a-convoler"],
            },
        ],
        "deadlines": [
            {
                "key": "outside-date-august",
                "label": "Outside date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2020, 8, 24),
                "set_by": "Merger agreement",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "outside-date-november",
                "note": "",
            },
            {
                "key": "outside-date-november",
                "label": "Extended outside date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2020, 11, 24),
                "set_by": "Merger agreement (extension)",
                "status": Deadline.Status.LIFTED,
                "extended_to": None,
                "note": "Superseded by the amended agreement of 29 October 2020.",
            },
            {
                "key": "tiffany-vote",
                "label": "Tiffany shareholders vote on the amended deal",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2020, 12, 30),
                "set_by": "Tiffany & Co.",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The shareholders approved.",
            },
        ],
    },
    {
        "slug": "couche-tard-carrefour",
        "title": "Couche-Tard's approach to Carrefour",
        "target": "carrefour",
        "seller": None,
        "countries": ["FR", "CA"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2021, 1, 13),
        "closed_on": D(2021, 1, 16),
        "summary": (
            "The Canadian convenience-store group wrote to Carrefour in early January "
            "2021 proposing a friendly combination. Once the talks became public, "
            "France's economy minister Bruno Le Maire said he was opposed, invoking "
            "food security and the government's power to vet foreign investments; the "
            "two companies ended their talks on 16 January, saying they would look "
            "at operational partnerships instead."
        ),
        "bids": [
            {
                "key": "couche-tard",
                "bidders": ["alimentation-couche-tard"],
                "status": Bid.Status.WITHDRAWN,
                "submitted_on": None,
                "resolved_on": D(2021, 1, 16),
                "note": "A non-binding proposal of about €20 a share in cash.",
                "sources": ["l-etat-douche-les-ardeurs-de-couche-tard-sur-carrefour"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "veolia-engie-suez-stake",
        "title": "Veolia buys Engie's 29.9% stake in Suez",
        "target": "suez",
        "seller": "engie",
        "countries": ["FR"],
        "deal_type": Deal.Type.MINORITY_STAKE,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2020, 8, 30),
        "closed_on": None,
        "value": Decimal("3400000000"),
        "currency": "EUR",
        "summary": (
            "The first step of Veolia's pursuit of its rival: a firm offer to Engie for "
            "most of its stake in Suez, opposed by Suez's board. Engie judged the "
            "first price unacceptable; Veolia raised it and promised not to launch a "
            "hostile bid for the rest, and Engie's board accepted on 5 October 2020."
        ),
        "bids": [
            {
                "key": "first-offer",
                "bidders": ["veolia"],
                "status": Bid.Status.REJECTED,
                "amount": Decimal("2900000000"),
                "currency": "EUR",
                "submitted_on": D(2020, 8, 30),
                "resolved_on": D(2020, 9, 17),
                "note": "€15.50 a share in cash; Engie's board found it not acceptable as "
                "it stood and asked for better terms.",
            },
            {
                "key": "raised-offer",
                "bidders": ["veolia"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("3400000000"),
                "currency": "EUR",
                "submitted_on": D(2020, 9, 30),
                "resolved_on": D(2020, 10, 5),
                "note": "€18 a share, with commitments on jobs in France.",
                "sources": ["engie-donne-son-feu-vert-a-la-vente-de-29-9-de-suez-a-veolia"],
            },
        ],
        "deadlines": [
            {
                "key": "offer-30-september",
                "label": "Veolia's offer to Engie lapses",
                "kind": Deadline.Kind.OFFER_DEADLINE,
                "due_on": D(2020, 9, 30),
                "set_by": "Veolia",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "offer-5-october",
                "note": "Extended at Engie's request on the evening of 30 September.",
            },
            {
                "key": "offer-5-october",
                "label": "Veolia's extended offer to Engie lapses",
                "kind": Deadline.Kind.OFFER_DEADLINE,
                "due_on": D(2020, 10, 5),
                "set_by": "Veolia, at Engie's request",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "Engie's board accepted the offer that day.",
                "sources": ["engie-donne-son-feu-vert-a-la-vente-de-29-9-de-suez-a-veolia"],
            },
        ],
    },
    {
        "slug": "veolia-suez",
        "title": "Veolia takes over Suez",
        "target": "suez",
        "seller": None,
        "countries": ["FR"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2021, 2, 7),
        "closed_on": None,
        "summary": (
            "Holding 29.9% of Suez, Veolia filed a cash tender offer for the rest "
            "against the wishes of Suez's board, after months of legal battles. The "
            "two boards reached an agreement in principle on 11 April 2021: a higher "
            "price, and a smaller “new Suez” kept together under mainly French "
            "investors. The takeover was completed in January 2022."
        ),
        "bids": [
            {
                "key": "veolia",
                "bidders": ["veolia"],
                "status": Bid.Status.COMPLETED,
                "submitted_on": D(2021, 2, 7),
                "resolved_on": None,
                "note": "A tender offer at €18 a share, raised to €20.50 under the "
                "agreement with Suez.",
                "sources": ["apres-des-mois-de-bataille-veolia-va-racheter-suez"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "fca-renault",
        "title": "Fiat Chrysler's merger proposal to Renault",
        "target": "renault",
        "seller": None,
        "countries": ["FR", "IT"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2019, 5, 27),
        "closed_on": D(2019, 6, 5),
        "summary": (
            "Fiat Chrysler proposed a 50-50 merger with Renault that would have made "
            "the world's third-largest carmaker. Nissan, Renault's partner, was "
            "reserved; when Renault's board met, the French state, its largest "
            "shareholder, asked for the vote to be postponed, and Fiat Chrysler "
            "withdrew its proposal the same night, saying the political conditions in "
            "France did not exist for it to succeed."
        ),
        "bids": [
            {
                "key": "fca",
                "bidders": ["fca"],
                "status": Bid.Status.WITHDRAWN,
                "submitted_on": D(2019, 5, 27),
                "resolved_on": D(2019, 6, 5),
                "note": "Each company's shareholders would have owned half of the combined group.",
                "sources": ["fiat-chrysler-withdraws-its-offer-for-renault"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "fca-psa-stellantis",
        "title": "Fiat Chrysler and PSA merge into Stellantis",
        "target": "groupe-psa",
        "seller": None,
        "countries": ["FR", "IT", "NL", "US"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2019, 10, 31),
        "closed_on": D(2021, 1, 16),
        "summary": (
            "Months after its attempt with Renault failed, Fiat Chrysler agreed a "
            "50-50 merger with the maker of Peugeot and Citroën. The pandemic delayed "
            "it; the European Commission cleared it in December 2020, both companies' "
            "shareholders approved it on 4 January 2021, and Stellantis, based in the "
            "Netherlands and led by Carlos Tavares, was born on 16 January."
        ),
        "bids": [
            {
                "key": "fca",
                "bidders": ["fca"],
                "status": Bid.Status.COMPLETED,
                "submitted_on": D(2019, 10, 31),
                "resolved_on": D(2021, 1, 16),
                "note": "A merger of equals, PSA merging into Fiat Chrysler, which took "
                "the name Stellantis.",
                "sources": ["welcome-stellantis"],
            },
        ],
        "deadlines": [
            {
                "key": "shareholder-meetings",
                "label": "Fiat Chrysler and PSA shareholders vote on the merger",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2021, 1, 4),
                "set_by": "Fiat Chrysler and PSA",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "Both approved.",
            },
        ],
    },
    {
        "slug": "honda-nissan",
        "title": "Honda and Nissan merger talks",
        "target": "nissan",
        "seller": None,
        "countries": ["JP"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2024, 12, 23),
        "closed_on": D(2025, 2, 13),
        "summary": (
            "Honda and Nissan signed a memorandum of understanding to study putting "
            "both under a joint holding company, which would have made the world's "
            "third-largest carmaker. The talks broke down within two months: Honda "
            "proposed making Nissan a subsidiary instead, which Nissan refused, and "
            "both boards ended the memorandum on 13 February 2025."
        ),
        "bids": [
            {
                "key": "honda",
                "bidders": ["honda"],
                "status": Bid.Status.LAPSED,
                "submitted_on": D(2024, 12, 23),
                "resolved_on": D(2025, 2, 13),
                "note": "A joint holding company at first; later Honda's proposal to make "
                "Nissan its subsidiary.",
                "sources": ["nissan-and-honda-terminate-mou-on-possible-merger"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "toshiba-memory-sale",
        "title": "Toshiba sells its memory business to a Bain Capital-led group",
        "target": "toshiba-memory",
        "seller": "toshiba",
        "countries": ["JP"],
        "deal_type": Deal.Type.DIVESTITURE,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2017, 9, 20),
        "closed_on": D(2018, 6, 1),
        "value": Decimal("2000000000000"),
        "currency": "JPY",
        "summary": (
            "Toshiba had to sell its flash-memory business to cover losses at its US "
            "nuclear unit Westinghouse. After rival bids and a legal fight with its "
            "partner Western Digital, it chose a consortium led by Bain Capital that "
            "included SK Hynix and the US companies Apple and Dell, and reinvested in "
            "the business itself; the sale closed in June 2018."
        ),
        "bids": [
            {
                "key": "bain-consortium",
                "bidders": ["bain-capital", "sk-hynix", "apple", "dell"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("2000000000000"),
                "currency": "JPY",
                "submitted_on": None,
                "resolved_on": D(2018, 6, 1),
                "note": "Through Pangea, a company formed by Bain Capital; Toshiba kept a "
                "stake of about 40%.",
                "sources": ["toshiba-says-sells-chip-unit-to-bain-capital"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "softbank-arm",
        "title": "SoftBank acquires Arm",
        "target": "arm",
        "seller": None,
        "countries": ["GB", "JP"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2016, 7, 18),
        "closed_on": D(2016, 9, 5),
        "value": Decimal("24300000000"),
        "currency": "GBP",
        "summary": (
            "Weeks after the Brexit vote, SoftBank agreed an all-cash takeover of the "
            "Cambridge chip designer, then the most valuable technology company listed "
            "in London, and promised to double its staff in the United Kingdom."
        ),
        "bids": [
            {
                "key": "softbank",
                "bidders": ["softbank-group"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("24300000000"),
                "currency": "GBP",
                "submitted_on": D(2016, 7, 18),
                "resolved_on": D(2016, 9, 5),
                "note": "£17 a share in cash.",
                "sources": ["softbank-agrees-to-buy-major-chip-firm"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "sanofi-bioverativ",
        "title": "Sanofi acquires Bioverativ",
        "target": "bioverativ",
        "seller": None,
        "countries": ["US", "FR"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2018, 1, 22),
        "closed_on": None,
        "value": Decimal("11600000000"),
        "currency": "USD",
        "summary": (
            "A friendly cash tender offer for the haemophilia specialist spun off from "
            "Biogen, Sanofi's largest acquisition since Genzyme. The offer opened on "
            "7 February 2018 and ran until 7 March."
        ),
        "bids": [
            {
                "key": "sanofi",
                "bidders": ["sanofi"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("11600000000"),
                "currency": "USD",
                "submitted_on": D(2018, 1, 22),
                "resolved_on": None,
                "note": "US$105 a share in cash.",
                "sources": ["sanofi-rachete-la-biotech-americaine-bioverativ"],
            },
        ],
        "deadlines": [
            {
                "key": "tender-offer-expiry",
                "label": "Tender offer expires",
                "kind": Deadline.Kind.OFFER_DEADLINE,
                "due_on": D(2018, 3, 7),
                "set_by": "Sanofi's tender offer",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "",
            },
        ],
    },
    {
        "slug": "danone-whitewave",
        "title": "Danone acquires WhiteWave Foods",
        "target": "whitewave",
        "seller": None,
        "countries": ["US", "FR", "BE"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2016, 7, 7),
        "closed_on": D(2017, 4, 12),
        "value": Decimal("12500000000"),
        "currency": "USD",
        "summary": (
            "Danone's largest acquisition in a decade, financed with debt, to double "
            "its size in the United States with organic and plant-based foods. The "
            "European Commission required the sale of Danone's growing-up milk business "
            "in Belgium, and the US Justice Department the sale of Stonyfield; the deal "
            "closed in April 2017."
        ),
        "bids": [
            {
                "key": "danone",
                "bidders": ["danone"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("12500000000"),
                "currency": "USD",
                "submitted_on": D(2016, 7, 7),
                "resolved_on": D(2017, 4, 12),
                "note": "US$56.25 a share in cash; the value includes WhiteWave's debt.",
                "sources": ["l-ue-donne-son-feu-vert-au-rachat-de-whitewave-par-danone"],
            },
        ],
        "deadlines": [
            {
                "key": "whitewave-vote",
                "label": "WhiteWave shareholders vote on the sale",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2016, 10, 4),
                "set_by": "WhiteWave Foods",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "",
            },
            {
                "key": "end-date-january",
                "label": "End date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2017, 1, 6),
                "set_by": "Merger agreement",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "end-date-july",
                "note": "Extendable to obtain the regulatory clearances.",
            },
            {
                "key": "end-date-july",
                "label": "Extended end date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2017, 7, 5),
                "set_by": "Merger agreement",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The deal closed on 12 April 2017.",
            },
        ],
    },
    {
        "slug": "thyssenkrupp-tata-steel",
        "title": "Thyssenkrupp and Tata Steel's European steel joint venture",
        "target": "thyssenkrupp-steel-europe",
        "seller": None,
        "countries": ["DE", "NL", "GB", "IN"],
        "deal_type": Deal.Type.JOINT_VENTURE,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2017, 9, 20),
        "closed_on": D(2019, 6, 11),
        "summary": (
            "Thyssenkrupp and Tata Steel planned to combine their European flat-steel "
            "businesses in a 50-50 joint venture based in the Netherlands, Europe's "
            "second-largest steelmaker after ArcelorMittal. Told that the European "
            "Commission would prohibit it, thyssenkrupp gave the plan up on "
            "10 May 2019, together with the planned split of the group; the "
            "Commission's prohibition followed on 11 June."
        ),
        "bids": [
            {
                "key": "tata-steel",
                "bidders": ["tata-steel"],
                "status": Bid.Status.LAPSED,
                "submitted_on": D(2017, 9, 20),
                "resolved_on": D(2019, 5, 10),
                "note": "Tata Steel Europe to be combined with thyssenkrupp Steel Europe, "
                "each parent holding half.",
                "sources": ["eu-kommission-verbietet-stahlfusion-von-thyssen-und-tata-offiziell"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "deutsche-boerse-lse",
        "title": "Merger of Deutsche Börse and the London Stock Exchange",
        "target": "london-stock-exchange",
        "seller": None,
        "countries": ["DE", "GB", "IT"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2016, 3, 16),
        "closed_on": D(2017, 3, 29),
        "summary": (
            "The two exchange operators agreed to merge under a holding company in "
            "which Deutsche Börse's shareholders would have owned 54.4%, three months "
            "before the Brexit referendum. The European Commission asked the London "
            "Stock Exchange to sell its majority stake in the Italian bond platform "
            "MTS; it refused, and the Commission prohibited the merger on "
            "29 March 2017."
        ),
        "bids": [
            {
                "key": "deutsche-boerse",
                "bidders": ["deutsche-boerse"],
                "status": Bid.Status.LAPSED,
                "submitted_on": D(2016, 3, 16),
                "resolved_on": D(2017, 3, 29),
                "note": "An all-share merger of equals.",
                "sources": ["london-stock-exchanges-21bn-merger-blocked-by-eu"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "kraft-heinz-unilever",
        "title": "Kraft Heinz's bid for Unilever",
        "target": "unilever",
        "seller": None,
        "countries": ["GB", "NL", "US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2017, 2, 17),
        "closed_on": D(2017, 2, 19),
        "value": Decimal("143000000000"),
        "currency": "USD",
        "summary": (
            "Kraft Heinz's approach became public on 17 February 2017; Unilever "
            "rejected it the same day as fundamentally undervaluing the company. Two "
            "days later the two companies announced in a joint statement that Kraft "
            "Heinz had withdrawn its proposal."
        ),
        "bids": [
            {
                "key": "kraft-heinz",
                "bidders": ["kraft-heinz"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("143000000000"),
                "currency": "USD",
                "submitted_on": None,
                "resolved_on": D(2017, 2, 19),
                "note": "US$50 a share in cash and Kraft Heinz shares; rejected by "
                "Unilever on 17 February.",
                "sources": ["kraft-heinz-has-withdrawn-its-takeover-proposal-for-unilever"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "jetblue-spirit",
        "title": "The contest for Spirit Airlines: Frontier, then JetBlue",
        "target": "spirit-airlines",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2022, 2, 7),
        "closed_on": D(2024, 1, 16),
        "value": Decimal("3800000000"),
        "currency": "USD",
        "summary": (
            "Spirit first agreed to merge with Frontier. JetBlue made a rival all-cash "
            "offer, which Spirit's board turned down; after Frontier's deal failed to "
            "win the shareholders' support, Spirit agreed to JetBlue's raised offer in "
            "July 2022. The Justice Department sued to block it, and on "
            "16 January 2024 a federal judge in Boston did; the companies ended the "
            "agreement in March."
        ),
        "bids": [
            {
                "key": "frontier",
                "bidders": ["frontier-airlines"],
                "status": Bid.Status.LAPSED,
                "submitted_on": D(2022, 2, 7),
                "resolved_on": D(2022, 7, 27),
                "note": "A cash-and-stock merger, terminated after Spirit's shareholders "
                "did not back it.",
            },
            {
                "key": "jetblue-unsolicited",
                "bidders": ["jetblue"],
                "status": Bid.Status.REJECTED,
                "submitted_on": None,
                "resolved_on": D(2022, 5, 2),
                "note": "US$33 a share in cash, made in April 2022.",
            },
            {
                "key": "jetblue-agreed",
                "bidders": ["jetblue"],
                "status": Bid.Status.LAPSED,
                "amount": Decimal("3800000000"),
                "currency": "USD",
                "submitted_on": D(2022, 7, 28),
                "resolved_on": D(2024, 3, 4),
                "note": "US$33.50 a share in cash, agreed by Spirit's board; ended after "
                "the court's decision.",
                "sources": ["us-judge-grounds-jetblue-spirit-merger"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "nippon-steel-us-steel",
        "title": "Nippon Steel acquires U.S. Steel",
        "target": "us-steel",
        "seller": None,
        "countries": ["US", "JP"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2023, 12, 18),
        "closed_on": D(2025, 6, 18),
        "value": Decimal("14900000000"),
        "currency": "USD",
        "summary": (
            "U.S. Steel chose Nippon Steel's all-cash offer after rejecting one from "
            "Cleveland-Cliffs. Its shareholders approved in April 2024, but the deal "
            "met opposition from the steelworkers' union and both presidential "
            "candidates, and President Biden prohibited it on 3 January 2025 on "
            "national-security grounds. President Trump approved it by an order of "
            "13 June 2025, with a national-security agreement giving the US government "
            "a “golden share”, and the deal closed on 18 June."
        ),
        "bids": [
            {
                "key": "cleveland-cliffs",
                "bidders": ["cleveland-cliffs"],
                "status": Bid.Status.REJECTED,
                "submitted_on": None,
                "resolved_on": None,
                "note": "A cash-and-stock proposal, rejected by U.S. Steel's board in August 2023.",
            },
            {
                "key": "nippon-steel",
                "bidders": ["nippon-steel"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("14900000000"),
                "currency": "USD",
                "submitted_on": D(2023, 12, 18),
                "resolved_on": D(2025, 6, 18),
                "note": "US$55 a share in cash; the value includes debt.",
                "sources": ["japans-nippon-steel-finalizes-purchase-of-us-steel"],
            },
        ],
        "deadlines": [
            {
                "key": "us-steel-vote",
                "label": "U.S. Steel shareholders vote on the sale",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2024, 4, 12),
                "set_by": "U.S. Steel",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The shareholders approved.",
            },
        ],
    },
    {
        "slug": "tapestry-capri",
        "title": "Tapestry's takeover of Capri Holdings",
        "target": "capri-holdings",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2023, 8, 10),
        "closed_on": D(2024, 11, 14),
        "value": Decimal("8500000000"),
        "currency": "USD",
        "summary": (
            "The owner of Coach agreed to buy the owner of Michael Kors, Versace and "
            "Jimmy Choo. The Federal Trade Commission sued to block the deal, and on "
            "24 October 2024 a federal court in New York granted its request for a "
            "preliminary injunction. Unable to win before the agreement's outside date, "
            "the companies ended it in November; Tapestry reimbursed Capri's expenses."
        ),
        "bids": [
            {
                "key": "tapestry",
                "bidders": ["tapestry"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("8500000000"),
                "currency": "USD",
                "submitted_on": D(2023, 8, 10),
                "resolved_on": D(2024, 11, 14),
                "note": "US$57 a share in cash; ended by mutual agreement.",
                "sources": ["what-the-end-of-capri-and-tapestrys-merger-means-for-retail"],
            },
        ],
        "deadlines": [
            {
                "key": "outside-date",
                "label": "Outside date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2025, 2, 10),
                "set_by": "Merger agreement",
                "status": Deadline.Status.LIFTED,
                "extended_to": None,
                "note": "The agreement was terminated in November 2024.",
            },
        ],
    },
    {
        "slug": "volkswagen-ford-alliance",
        "title": "Volkswagen and Ford's alliance, and Volkswagen's investment in Argo AI",
        "target": "argo-ai",
        "seller": None,
        "countries": ["US", "DE"],
        "deal_type": Deal.Type.PARTNERSHIP,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2019, 1, 15),
        "closed_on": None,
        "summary": (
            "Volkswagen and Ford announced a global alliance in January 2019, starting "
            "with commercial vans and medium pickups. In July they extended it: "
            "Volkswagen invested in Ford's self-driving partner Argo AI, in cash and by "
            "contributing its own autonomous-driving unit in Munich, so that both "
            "carmakers held equal stakes; Ford would build an electric car for Europe "
            "on Volkswagen's MEB platform. Neither company took a stake in the other."
        ),
        "bids": [
            {
                "key": "volkswagen",
                "bidders": ["volkswagen"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("2600000000"),
                "currency": "USD",
                "submitted_on": D(2019, 7, 12),
                "resolved_on": None,
                "note": "US$1 billion in cash and Volkswagen's Autonomous Intelligent "
                "Driving unit, valued at US$1.6 billion, plus Argo AI shares bought from "
                "Ford.",
                "sources": ["ford-volkswagen-expand-alliance-to-electric-autos"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "unicredit-commerzbank",
        "title": "UniCredit's stake in Commerzbank and a possible takeover",
        "target": "commerzbank",
        "seller": None,
        "countries": ["DE", "IT"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.RUMOURED,
        "announced_on": D(2024, 9, 11),
        "closed_on": None,
        "summary": (
            "UniCredit bought the block of almost 4.5% of Commerzbank that the German "
            "state was selling, and more shares on the market, to hold about 9%; it "
            "later raised its position to about 28%, most of it through derivatives. "
            "Its chief executive Andrea Orcel spoke of a possible combination, which "
            "Commerzbank's management and the German government opposed. As last "
            "reported here, no offer had been made."
        ),
        "bids": [
            {
                "key": "unicredit",
                "bidders": ["unicredit"],
                "status": Bid.Status.RUMOURED,
                "submitted_on": None,
                "resolved_on": None,
                "note": "A takeover discussed in the press and by UniCredit itself; no offer made.",
                "sources": ["unicredit-erwaegt-commerzbank-beteiligung-aufzustocken"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "electronic-arts-take-private",
        "title": "Electronic Arts to be taken private by PIF, Silver Lake and Affinity Partners",
        "target": "electronic-arts",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ANNOUNCED,
        "announced_on": D(2025, 9, 29),
        "closed_on": None,
        "value": Decimal("55000000000"),
        "currency": "USD",
        "summary": (
            "An all-cash buyout by a consortium of Saudi Arabia's Public Investment "
            "Fund, which already held about 9.9% of EA, Silver Lake and Affinity "
            "Partners, financed with about US$36 billion of equity and US$20 billion "
            "of debt, and expected to close in EA's fiscal first quarter of 2027, "
            "subject to shareholders and regulators."
        ),
        "bids": [
            {
                "key": "consortium",
                "bidders": ["pif", "silver-lake", "affinity-partners"],
                "status": Bid.Status.ACCEPTED,
                "amount": Decimal("55000000000"),
                "currency": "USD",
                "submitted_on": D(2025, 9, 29),
                "resolved_on": D(2025, 9, 29),
                "note": "US$210 a share in cash, agreed by EA's board.",
                "sources": ["electronic-arts-to-be-acquired-and-taken-private"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "union-pacific-norfolk-southern",
        "title": "Union Pacific's merger with Norfolk Southern",
        "target": "norfolk-southern",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.PENDING_APPROVAL,
        "announced_on": D(2025, 7, 29),
        "closed_on": None,
        "value": Decimal("85000000000"),
        "currency": "USD",
        "summary": (
            "The western and eastern railroads agreed to combine into the first "
            "coast-to-coast railroad in the United States, under the Union Pacific "
            "name and based in Omaha. The merger needs the approval of the Surface "
            "Transportation Board, which has set a high bar for railroad mergers."
        ),
        "bids": [
            {
                "key": "union-pacific",
                "bidders": ["union-pacific"],
                "status": Bid.Status.ACCEPTED,
                "amount": Decimal("85000000000"),
                "currency": "USD",
                "submitted_on": D(2025, 7, 29),
                "resolved_on": D(2025, 7, 29),
                "note": "One Union Pacific share and US$88.82 in cash for each Norfolk "
                "Southern share.",
                "sources": ["union-pacific-and-norfolk-seek-1st-transcontinental-railroad"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "alstom-bombardier-transportation",
        "title": "Alstom acquires Bombardier Transportation",
        "target": "bombardier-transportation",
        "seller": "bombardier",
        "countries": ["DE", "FR", "CA"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2020, 2, 17),
        "closed_on": D(2021, 1, 29),
        "value": Decimal("5500000000"),
        "currency": "EUR",
        "summary": (
            "A year after its merger with Siemens's rail business was prohibited, "
            "Alstom agreed to buy the rail business of Bombardier and of the Caisse de "
            "dépôt et placement du Québec, which held 32.5% of it. The European "
            "Commission cleared the deal with commitments in July 2020, and it closed "
            "on 29 January 2021, making Alstom the world's second-largest maker of "
            "rail equipment."
        ),
        "bids": [
            {
                "key": "alstom",
                "bidders": ["alstom"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("5500000000"),
                "currency": "EUR",
                "submitted_on": D(2020, 2, 17),
                "resolved_on": D(2021, 1, 29),
                "note": "First announced as €5.8–6.2 billion; about €5.5 billion in the end.",
                "sources": ["alstom-reprend-bombardier-aujourd-hui"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "salesforce-slack",
        "title": "Salesforce acquires Slack",
        "target": "slack",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2020, 12, 1),
        "closed_on": D(2021, 7, 21),
        "value": Decimal("27700000000"),
        "currency": "USD",
        "summary": (
            "Salesforce bought the workplace messaging company in cash and shares, to "
            "compete with Microsoft Teams and make Slack the interface of its "
            "customer software. Slack's chief executive Stewart Butterfield stayed on "
            "to run it within Salesforce."
        ),
        "bids": [
            {
                "key": "salesforce",
                "bidders": ["salesforce"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("27700000000"),
                "currency": "USD",
                "submitted_on": D(2020, 12, 1),
                "resolved_on": D(2021, 7, 21),
                "note": "US$26.79 in cash and 0.0776 Salesforce share for each Slack share "
                "(enterprise value).",
                "sources": ["salesforce-to-acquire-slack-for-27-7-billion"],
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "jindal-thyssenkrupp-steel-europe",
        "title": "Jindal Steel International's offer for thyssenkrupp Steel Europe",
        "target": "thyssenkrupp-steel-europe",
        "seller": "thyssenkrupp",
        "countries": ["DE"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.IN_TALKS,
        "announced_on": D(2025, 9, 16),
        "closed_on": None,
        "summary": (
            "Six years after the joint venture with Tata Steel was blocked, and after "
            "selling 20% of the steel business to Daniel Křetínský's EP Group in 2024, "
            "thyssenkrupp received a non-binding offer for it from Jindal Steel "
            "International, which began talks and promised to invest in low-emission "
            "steelmaking in Duisburg. As last reported here, the talks were under way."
        ),
        "bids": [
            {
                "key": "jindal",
                "bidders": ["jindal-steel-international"],
                "status": Bid.Status.SUBMITTED,
                "submitted_on": D(2025, 9, 16),
                "resolved_on": None,
                "note": "Non-binding; no price disclosed.",
                "sources": ["jindal-steel-submits-offer-to-acquire-thyssenkrupp-steel-europe"],
            },
        ],
        "deadlines": [],
    },
]

"""Demo data: the seed article curated in full, and a few other real deals.

Everything here is in our own words and limited to what was publicly reported;
where a fact is not known (an article's link, a bid's amount) it is left empty
rather than guessed. Loading is idempotent: records are matched on their slug
and never overwritten.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from . import demo_deals, status_history
from .models import Article, Authority, Bid, Company, Deadline, Deal, Review, Source

D = datetime.date

SOURCES = [
    {"slug": "zdnet-fr", "name": "ZDNet France", "homepage": "https://www.zdnet.fr/"},
]

# (slug, name, country, parent slug, website, description)
COMPANIES = [
    (
        "bytedance",
        "ByteDance",
        "CN",
        None,
        "https://www.bytedance.com/",
        "Beijing-based internet company that owns TikTok and Douyin.",
    ),
    (
        "tiktok",
        "TikTok",
        "CN",
        "bytedance",
        "https://www.tiktok.com/",
        "Short-video sharing app, owned by ByteDance.",
    ),
    (
        "microsoft",
        "Microsoft",
        "US",
        None,
        "https://www.microsoft.com/",
        "Software and cloud company based in Redmond, Washington.",
    ),
    (
        "walmart",
        "Walmart",
        "US",
        None,
        "https://corporate.walmart.com/",
        "Retailer based in Bentonville, Arkansas.",
    ),
    (
        "oracle",
        "Oracle",
        "US",
        None,
        "https://www.oracle.com/",
        "Database and cloud-infrastructure company.",
    ),
    (
        "activision-blizzard",
        "Activision Blizzard",
        "US",
        None,
        "https://www.activisionblizzard.com/",
        "Video-game publisher (Call of Duty, World of Warcraft, Candy Crush).",
    ),
    (
        "adobe",
        "Adobe",
        "US",
        None,
        "https://www.adobe.com/",
        "Creative and document software company.",
    ),
    (
        "figma",
        "Figma",
        "US",
        None,
        "https://www.figma.com/",
        "Collaborative design software company.",
    ),
    (
        "softbank-group",
        "SoftBank Group",
        "JP",
        None,
        "https://group.softbank/en",
        "Japanese technology investor.",
    ),
    (
        "arm",
        "Arm",
        "GB",
        "softbank-group",
        "https://www.arm.com/",
        "Chip designer based in Cambridge, owned by SoftBank Group from 2016.",
    ),
    (
        "nvidia",
        "Nvidia",
        "US",
        None,
        "https://www.nvidia.com/",
        "Maker of graphics processors and AI chips.",
    ),
    (
        "broadcom",
        "Broadcom",
        "US",
        None,
        "https://www.broadcom.com/",
        "Semiconductor company; domiciled in Singapore at the time of its 2017–2018 bid "
        "for Qualcomm, it has since moved to the United States.",
    ),
    (
        "qualcomm",
        "Qualcomm",
        "US",
        None,
        "https://www.qualcomm.com/",
        "Maker of mobile chips and holder of wireless patents.",
    ),
    (
        "kroger",
        "Kroger",
        "US",
        None,
        "https://www.thekrogerco.com/",
        "Supermarket operator based in Cincinnati, Ohio.",
    ),
    (
        "albertsons",
        "Albertsons",
        "US",
        None,
        "https://www.albertsonscompanies.com/",
        "Supermarket operator based in Boise, Idaho (Safeway, Vons).",
    ),
]

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "microsoft-ecarte-du-rachat-de-tiktok",
        "title": "Microsoft écarté du rachat de TikTok",
        "source": "zdnet-fr",
        # The copy we hold does not carry the original link: it stays empty
        # rather than being guessed.
        "url": None,
        "language": "fr",
        "published_on": D(2020, 9, 14),
        "author": "",
        "summary": (
            "ByteDance has told Microsoft it will not sell it TikTok's US operations, "
            "which Microsoft had sought jointly with Walmart, together with the "
            "Canadian, Australian and New Zealand business. ByteDance must sell to an "
            "American company by 15 September or see the app banned in the United "
            "States under President Trump's executive order. It has said TikTok's "
            "algorithm will not be part of any sale, and Oracle, which has also been "
            "in talks, is expected to be named TikTok's “trusted technology partner” "
            "in an arrangement not structured exactly as an acquisition. TikTok is "
            "suing the US government over the ban."
        ),
        "deals": ["tiktok-us-operations"],
        "companies": ["tiktok", "bytedance", "microsoft", "walmart", "oracle"],
    },
]

SEED = "microsoft-ecarte-du-rachat-de-tiktok"

DEALS: list[dict[str, Any]] = [
    {
        "slug": "tiktok-us-operations",
        "title": "Forced sale of TikTok's US operations",
        "target": "tiktok",
        "seller": "bytedance",
        "countries": ["US", "CA", "AU", "NZ"],
        "deal_type": Deal.Type.FORCED_SALE,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2020, 8, 6),
        "closed_on": D(2021, 2, 10),
        # Its dated history (status, from, until, source slug), oldest first.
        "periods": [
            (Deal.Status.ANNOUNCED, D(2020, 8, 6), D(2021, 2, 10), None),
            (Deal.Status.ABANDONED, D(2021, 2, 10), None, None),
        ],
        "summary": (
            "A presidential executive order declared TikTok a national emergency and "
            "gave ByteDance until 15 September 2020 to sell the app's US business to an "
            "American company or see it banned. Microsoft, bidding jointly with Walmart "
            "for the operations in the United States, Canada, Australia and New "
            "Zealand, was turned down on 13 September; ByteDance chose Oracle as "
            "“trusted technology partner” instead, in a structure that was not a plain "
            "acquisition. The deadline slipped several times, and in February 2021 the "
            "new US administration shelved the sale."
        ),
        "bids": [
            {
                "key": "microsoft-walmart",
                "bidders": ["microsoft", "walmart"],
                "status": Bid.Status.REJECTED,
                "countries": ["US", "CA", "AU", "NZ"],
                "submitted_on": D(2020, 8, 27),
                "resolved_on": D(2020, 9, 13),
                "periods": [
                    (Bid.Status.SUBMITTED, D(2020, 8, 27), D(2020, 9, 13), None),
                    (Bid.Status.REJECTED, D(2020, 9, 13), None, SEED),
                ],
                "note": (
                    "Microsoft said it wanted to buy TikTok even before the president's "
                    "order, promising world-class security, privacy and online-safety "
                    "protections; Walmart joined it in a joint offer for the operations "
                    "in the United States, Canada, Australia and New Zealand. On "
                    "13 September 2020 ByteDance told Microsoft it would not sell it "
                    "TikTok's US operations, as Microsoft said in a blog post."
                ),
                "sources": [SEED],
            },
            {
                "key": "oracle",
                "bidders": ["oracle"],
                "status": Bid.Status.ACCEPTED,
                "countries": ["US"],
                "submitted_on": None,
                "resolved_on": D(2020, 9, 14),
                # Its talks with ByteDance were reported on 18 August 2020;
                # when it made an offer was not.
                "periods": [
                    (Bid.Status.RUMOURED, D(2020, 8, 18), D(2020, 9, 14), None),
                    (Bid.Status.ACCEPTED, D(2020, 9, 14), None, SEED),
                ],
                "note": (
                    "Oracle entered talks with ByteDance after Microsoft. The Wall Street "
                    "Journal reported on 14 September 2020 that Oracle would be named "
                    "TikTok's “trusted technology partner”, in a sale not structured "
                    "exactly as an acquisition. The arrangement was never completed."
                ),
                "sources": [SEED],
            },
        ],
        # Listed in order; each "extended_to" names a later key.
        "deadlines": [
            {
                "key": "sale-by-15-september",
                # Set on: announced by the president on 3 August 2020.
                "set_on": D(2020, 8, 3),
                "label": "Sell to an American company or see TikTok banned in the US",
                "kind": Deadline.Kind.GOVERNMENT_ORDER,
                "due_on": D(2020, 9, 15),
                "set_by": "President Donald Trump, in the executive order declaring "
                "TikTok a national emergency",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "ban-20-september",
                "note": "",
                "sources": [SEED],
            },
            {
                "key": "ban-20-september",
                "set_on": D(2020, 8, 6),
                "label": "Ban on transactions with ByteDance takes effect",
                "kind": Deadline.Kind.GOVERNMENT_ORDER,
                "due_on": D(2020, 9, 20),
                "set_by": "Executive Order 13942 of 6 August 2020 (45 days)",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "divest-12-november",
                "note": "",
                "sources": [],
            },
            {
                "key": "divest-12-november",
                "set_on": D(2020, 8, 14),
                "label": "Divest TikTok's US operations",
                "kind": Deadline.Kind.GOVERNMENT_ORDER,
                "due_on": D(2020, 11, 12),
                "set_by": "Presidential order of 14 August 2020 on the advice of CFIUS (90 days)",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "divest-27-november",
                "note": "",
                "sources": [],
            },
            {
                "key": "divest-27-november",
                # Set on: granted by CFIUS on 13 November 2020.
                "set_on": D(2020, 11, 13),
                "label": "Divest TikTok's US operations (first extension)",
                "kind": Deadline.Kind.REGULATORY_REVIEW,
                "due_on": D(2020, 11, 27),
                "set_by": "CFIUS",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "divest-4-december",
                "note": "",
                "sources": [],
            },
            {
                "key": "divest-4-december",
                # Set on: granted by CFIUS on 25 November 2020.
                "set_on": D(2020, 11, 25),
                "label": "Divest TikTok's US operations (second extension)",
                "kind": Deadline.Kind.REGULATORY_REVIEW,
                "due_on": D(2020, 12, 4),
                "set_by": "CFIUS",
                "status": Deadline.Status.MISSED,
                "extended_to": None,
                "note": "Passed without a sale and without the order being enforced.",
                "sources": [],
            },
        ],
    },
    {
        "slug": "microsoft-activision-blizzard",
        "title": "Microsoft acquires Activision Blizzard",
        "target": "activision-blizzard",
        "seller": None,
        "countries": ["US", "GB"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.COMPLETED,
        "announced_on": D(2022, 1, 18),
        "closed_on": D(2023, 10, 13),
        "value": Decimal("68700000000"),
        "currency": "USD",
        "summary": (
            "An all-cash takeover of the video-game publisher, reviewed for almost two "
            "years by competition authorities. It closed after the UK's Competition and "
            "Markets Authority cleared a restructured deal that left cloud-streaming "
            "rights outside the European Economic Area with Ubisoft."
        ),
        "bids": [
            {
                "key": "microsoft",
                "bidders": ["microsoft"],
                "status": Bid.Status.COMPLETED,
                "amount": Decimal("68700000000"),
                "currency": "USD",
                "submitted_on": D(2022, 1, 18),
                "resolved_on": D(2023, 10, 13),
                "note": "US$95 a share, in cash.",
            },
        ],
        "deadlines": [
            {
                "key": "outside-date-july",
                "label": "Outside date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2023, 7, 18),
                "set_by": "Merger agreement",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "outside-date-october",
            },
            {
                "key": "outside-date-october",
                "label": "Extended outside date of the merger agreement",
                "kind": Deadline.Kind.LONG_STOP_DATE,
                "due_on": D(2023, 10, 18),
                "set_by": "Amended merger agreement",
                "status": Deadline.Status.MET,
                "extended_to": None,
                "note": "The deal closed on 13 October 2023.",
            },
        ],
    },
    {
        "slug": "adobe-figma",
        "title": "Adobe's takeover of Figma",
        "target": "figma",
        "seller": None,
        "countries": ["US", "GB"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2022, 9, 15),
        "closed_on": D(2023, 12, 18),
        "value": Decimal("20000000000"),
        "currency": "USD",
        "summary": (
            "Adobe agreed to buy the design-software start-up for about US$20 billion "
            "in cash and stock. Both companies called the deal off after European and "
            "British competition authorities raised concerns."
        ),
        "bids": [
            {
                "key": "adobe",
                "bidders": ["adobe"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("20000000000"),
                "currency": "USD",
                "submitted_on": D(2022, 9, 15),
                "resolved_on": D(2023, 12, 18),
                "note": "Adobe paid Figma a US$1 billion termination fee.",
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "nvidia-arm",
        "title": "Nvidia's purchase of Arm from SoftBank",
        "target": "arm",
        "seller": "softbank-group",
        "countries": ["GB", "US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.ABANDONED,
        "announced_on": D(2020, 9, 13),
        "closed_on": D(2022, 2, 8),
        "value": Decimal("40000000000"),
        "currency": "USD",
        "summary": (
            "SoftBank agreed to sell the chip designer to Nvidia. Regulators in the "
            "United Kingdom, the European Union and the United States examined the deal, "
            "and the US Federal Trade Commission sued to block it; the parties "
            "abandoned it in February 2022."
        ),
        "bids": [
            {
                "key": "nvidia",
                "bidders": ["nvidia"],
                "status": Bid.Status.WITHDRAWN,
                "amount": Decimal("40000000000"),
                "currency": "USD",
                "submitted_on": D(2020, 9, 13),
                "resolved_on": D(2022, 2, 8),
                "note": "In cash and Nvidia shares.",
            },
        ],
        "deadlines": [],
    },
    {
        "slug": "broadcom-qualcomm",
        "title": "Broadcom's hostile bid for Qualcomm",
        "target": "qualcomm",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.ACQUISITION,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2017, 11, 6),
        "closed_on": D(2018, 3, 12),
        "summary": (
            "Broadcom made an unsolicited offer for Qualcomm, raised it, and sought to "
            "replace Qualcomm's board at its annual meeting. After a CFIUS review on "
            "national-security grounds, a presidential order of 12 March 2018 "
            "prohibited the takeover."
        ),
        "bids": [
            {
                "key": "first-offer",
                "bidders": ["broadcom"],
                "status": Bid.Status.REJECTED,
                "submitted_on": D(2017, 11, 6),
                "resolved_on": D(2017, 11, 13),
                "note": "US$70 a share in cash and stock, rejected by Qualcomm's board.",
            },
            {
                "key": "raised-offer",
                "bidders": ["broadcom"],
                "status": Bid.Status.REJECTED,
                "submitted_on": D(2018, 2, 5),
                "resolved_on": D(2018, 3, 12),
                "note": "Raised to US$82 a share; rejected by Qualcomm's board, then "
                "prohibited by presidential order.",
            },
        ],
        "deadlines": [
            {
                "key": "annual-meeting",
                "label": "Qualcomm annual meeting, with Broadcom's board nominees",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2018, 3, 6),
                "set_by": "Qualcomm",
                "status": Deadline.Status.EXTENDED,
                "extended_to": "annual-meeting-postponed",
                "note": "Postponed by a CFIUS order of 4 March 2018.",
            },
            {
                "key": "annual-meeting-postponed",
                "label": "Postponed Qualcomm annual meeting",
                "kind": Deadline.Kind.SHAREHOLDER_VOTE,
                "due_on": D(2018, 4, 5),
                "set_by": "CFIUS (30-day postponement)",
                "status": Deadline.Status.LIFTED,
                "extended_to": None,
                "note": "The presidential order of 12 March 2018 ended the contest.",
            },
        ],
    },
    {
        "slug": "kroger-albertsons",
        "title": "Kroger's merger with Albertsons",
        "target": "albertsons",
        "seller": None,
        "countries": ["US"],
        "deal_type": Deal.Type.MERGER,
        "status": Deal.Status.BLOCKED,
        "announced_on": D(2022, 10, 14),
        "closed_on": D(2024, 12, 10),
        "value": Decimal("24600000000"),
        "currency": "USD",
        "summary": (
            "The two largest US supermarket operators agreed to merge. The Federal "
            "Trade Commission sued to block the deal, and on 10 December 2024 a federal "
            "court in Oregon and a state court in Washington blocked it; Albertsons "
            "terminated the agreement the next day."
        ),
        "bids": [
            {
                "key": "kroger",
                "bidders": ["kroger"],
                "status": Bid.Status.LAPSED,
                "amount": Decimal("24600000000"),
                "currency": "USD",
                "submitted_on": D(2022, 10, 14),
                "resolved_on": D(2024, 12, 11),
                "note": "US$34.10 a share in cash, including debt; agreed by Albertsons' board.",
            },
        ],
        "deadlines": [],
    },
]


# (slug, name, short name, jurisdiction, kind, website, parent slug)
AUTHORITIES = [
    (
        "cfius",
        "Committee on Foreign Investment in the United States",
        "CFIUS",
        "US",
        Authority.Kind.FOREIGN_INVESTMENT,
        "https://home.treasury.gov/policy-issues/international/"
        "the-committee-on-foreign-investment-in-the-united-states-cfius",
        None,
    ),
    (
        "ftc",
        "Federal Trade Commission",
        "FTC",
        "US",
        Authority.Kind.COMPETITION,
        "https://www.ftc.gov/",
        None,
    ),
    (
        "cma",
        "Competition and Markets Authority",
        "CMA",
        "GB",
        Authority.Kind.COMPETITION,
        "https://www.gov.uk/government/organisations/competition-and-markets-authority",
        None,
    ),
    (
        "european-commission",
        "European Commission",
        "",
        "EU",
        Authority.Kind.GOVERNMENT,
        "https://commission.europa.eu/",
        None,
    ),
    (
        "dg-comp",
        "Directorate-General for Competition",
        "DG COMP",
        "EU",
        Authority.Kind.COMPETITION,
        "https://competition-policy.ec.europa.eu/",
        "european-commission",
    ),
    (
        "us-district-court-oregon",
        "United States District Court for the District of Oregon",
        "D. Or.",
        "US",
        Authority.Kind.COURT,
        "https://www.ord.uscourts.gov/",
        None,
    ),
]

# The reviews of the demo deals, by deal slug: only what was publicly
# reported and what we are sure of; a date or case reference we are not sure
# of stays empty. "deadlines" names the keys of the deal's deadlines that
# belong to the review.
REVIEWS: dict[str, list[dict[str, Any]]] = {
    "tiktok-us-operations": [
        {
            "authority": "cfius",
            "kind": Review.Kind.FOREIGN_INVESTMENT,
            "phase": "",
            "status": Review.Status.ABANDONED,
            "opened_on": None,
            "decided_on": D(2021, 2, 10),
            "note": (
                "CFIUS advised the president's order of 14 August 2020 that ByteDance "
                "divest TikTok's US business, and reviewed the arrangement proposed "
                "with Oracle and Walmart. Its deadlines for the divestment passed "
                "without a sale, which the new administration shelved in February 2021."
            ),
            "deadlines": ["divest-12-november", "divest-27-november", "divest-4-december"],
        },
    ],
    "microsoft-activision-blizzard": [
        {
            "authority": "cma",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.PROHIBITED,
            "opened_on": D(2022, 7, 6),
            "phase_started_on": D(2022, 9, 1),
            "decided_on": D(2023, 4, 26),
            "note": (
                "After an in-depth investigation the CMA blocked the deal, finding that "
                "it could harm competition in cloud gaming."
            ),
        },
        {
            "authority": "dg-comp",
            "case_reference": "M.10646",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.CLEARED_WITH_REMEDIES,
            "opened_on": None,
            "phase_started_on": D(2022, 11, 8),
            "decided_on": D(2023, 5, 15),
            "remedies": (
                "For ten years, consumers in the European Economic Area may stream the "
                "Activision Blizzard games they buy through any cloud-gaming service, "
                "under a free licence Microsoft grants those services."
            ),
            "note": "The European Commission cleared the deal after an in-depth investigation.",
        },
        {
            "authority": "ftc",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.COURT,
            "status": Review.Status.WITHDRAWN,
            "opened_on": None,
            "decided_on": D(2025, 5, 22),
            "note": (
                "The FTC challenged the deal in December 2022 in its own administrative "
                "court. A federal judge refused it a preliminary injunction in July 2023, "
                "the deal closed that October, and the FTC dropped its case in May 2025 "
                "after losing its appeal."
            ),
        },
        {
            "authority": "cma",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": "",
            "status": Review.Status.CLEARED,
            "opened_on": None,
            "decided_on": D(2023, 10, 13),
            "note": (
                "The CMA cleared the restructured deal, in which the cloud-streaming "
                "rights to Activision Blizzard's games outside the European Economic "
                "Area went to Ubisoft."
            ),
        },
    ],
    "nvidia-arm": [
        {
            "authority": "cma",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.ABANDONED,
            "opened_on": None,
            "decided_on": D(2022, 2, 8),
            "note": (
                "Referred for an in-depth investigation on competition and "
                "national-security grounds; it ended when the deal was abandoned."
            ),
        },
        {
            "authority": "ftc",
            "kind": Review.Kind.COURT_CASE,
            "phase": Review.Phase.COURT,
            "status": Review.Status.ABANDONED,
            "opened_on": D(2021, 12, 2),
            "decided_on": D(2022, 2, 8),
            "note": "The FTC sued to block the deal, in its administrative court.",
        },
        {
            "authority": "dg-comp",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.ABANDONED,
            "opened_on": D(2021, 10, 27),
            "decided_on": D(2022, 2, 8),
            "note": "The European Commission's in-depth investigation ended with the deal.",
        },
    ],
    "adobe-figma": [
        {
            "authority": "cma",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.ABANDONED,
            "opened_on": None,
            "decided_on": D(2023, 12, 18),
            "note": "An in-depth investigation, which ended when the deal was abandoned.",
        },
        {
            "authority": "dg-comp",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.PHASE_2,
            "status": Review.Status.ABANDONED,
            "opened_on": None,
            "decided_on": D(2023, 12, 18),
            "note": (
                "The European Commission's in-depth investigation ended when the deal "
                "was abandoned."
            ),
        },
    ],
    "kroger-albertsons": [
        {
            "authority": "ftc",
            "kind": Review.Kind.MERGER_CONTROL,
            "phase": Review.Phase.COURT,
            "status": Review.Status.ABANDONED,
            "opened_on": None,
            "decided_on": D(2024, 12, 11),
            "note": (
                "The FTC sued to block the merger in February 2024, and won a "
                "preliminary injunction; Albertsons then ended the agreement."
            ),
        },
        {
            "authority": "us-district-court-oregon",
            "kind": Review.Kind.COURT_CASE,
            "phase": Review.Phase.COURT,
            "status": Review.Status.PROHIBITED,
            "opened_on": D(2024, 2, 26),
            "decided_on": D(2024, 12, 10),
            "note": "The court granted the FTC's request for a preliminary injunction.",
        },
    ],
    "broadcom-qualcomm": [
        {
            "authority": "cfius",
            "kind": Review.Kind.FOREIGN_INVESTMENT,
            "phase": "",
            "status": Review.Status.PROHIBITED,
            "opened_on": None,
            "decided_on": D(2018, 3, 12),
            "note": (
                "CFIUS reviewed the bid on national-security grounds and had Qualcomm's "
                "annual meeting postponed; on its recommendation a presidential order "
                "of 12 March 2018 prohibited the takeover."
            ),
            "deadlines": ["annual-meeting-postponed"],
        },
    ],
}


@transaction.atomic
def load_demo_data() -> int:
    """Create the demo records that are missing and return how many deals were
    added. Records that exist already (matched on slug) are left exactly as a
    curator may have edited them, so running it again never loses work."""
    sources = {
        item["slug"]: Source.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "homepage": item["homepage"]}
        )[0]
        for item in [*SOURCES, *demo_deals.SOURCES]
    }

    companies: dict[str, Company] = {}
    for slug, name, country, parent, website, description in [
        *COMPANIES,
        *demo_deals.COMPANIES,
    ]:
        companies[slug] = Company.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "country": country,
                "parent": companies[parent] if parent else None,
                "website": website,
                "description": description,
            },
        )[0]

    deals, new_deals = {}, []
    for item in [*DEALS, *demo_deals.DEALS]:
        deal, created = Deal.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "target": companies[item["target"]],
                "seller": companies[item["seller"]] if item["seller"] else None,
                "countries": item["countries"],
                "deal_type": item["deal_type"],
                "status": item["status"],
                "announced_on": item["announced_on"],
                "closed_on": item["closed_on"],
                "value": item.get("value"),
                "currency": item.get("currency", ""),
                "summary": item["summary"],
            },
        )
        deals[item["slug"]] = deal
        if created:
            new_deals.append(item)

    articles = {}
    for item in [*ARTICLES, *demo_deals.ARTICLES]:
        article, created = Article.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "title": item["title"],
                "url": item["url"],
                "source": sources[item["source"]],
                "language": item["language"],
                "published_on": item["published_on"],
                "author": item["author"],
                "summary": item["summary"],
            },
        )
        if created:
            article.deals.set(deals[slug] for slug in item["deals"])
            article.companies.set(companies[slug] for slug in item["companies"])
        articles[item["slug"]] = article

    authorities: dict[str, Authority] = {}
    for slug, name, short_name, jurisdiction, kind, website, parent in AUTHORITIES:
        authorities[slug] = Authority.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short_name,
                "jurisdiction": jurisdiction,
                "kind": kind,
                "website": website,
                "parent": authorities[parent] if parent else None,
            },
        )[0]

    # Bids and deadlines have no natural key: they come with their deal, once.
    for item in new_deals:
        _create_bids_and_deadlines(deals[item["slug"]], item, companies, articles)
        _date_statuses(deals[item["slug"]], item, articles)
    # Reviews neither: a deal gets them once, when it has none (an archive
    # loaded before reviews existed gets them too).
    for slug, reviews in REVIEWS.items():
        if not deals[slug].reviews.exists():
            _create_reviews(deals[slug], reviews, authorities)
    return len(new_deals)


def _create_reviews(deal, reviews, authorities) -> None:
    """Each review's status history is what its opened and decided dates
    tell (status_history.keep_in_step gives it on creation)."""
    for data in reviews:
        review = Review.objects.create(
            deal=deal,
            authority=authorities[data["authority"]],
            case_reference=data.get("case_reference", ""),
            kind=data["kind"],
            phase=data["phase"],
            status=data["status"],
            opened_on=data["opened_on"],
            phase_started_on=data.get("phase_started_on"),
            decided_on=data["decided_on"],
            remedies=data.get("remedies", ""),
            note=data["note"],
        )
        # Its deadlines, as loaded with the deal (labels are unique per deal);
        # one a curator has tied to a review already is left alone.
        labels = [_deadline_label(deal, key) for key in data.get("deadlines", [])]
        deal.deadlines.filter(label__in=labels, review__isnull=True).update(
            review=review, authority=review.authority
        )


def _deadline_label(deal, key: str) -> str:
    item = next(item for item in DEALS if item["slug"] == deal.slug)
    return next(data["label"] for data in item["deadlines"] if data["key"] == key)


def _date_statuses(deal: Deal, item: dict[str, Any], articles: dict[str, Article]) -> None:
    """The deal's and its bids' status history: as reported where the data
    gives it, else what their own dates tell (status_history)."""
    bids = dict(zip((b["key"] for b in item["bids"]), deal.bids.order_by("pk"), strict=True))
    for record, data in ((deal, item), *((bids[b["key"]], b) for b in item["bids"])):
        if "periods" in data:
            status_history.replace_history(
                record,
                [
                    (status, start, end, articles[source] if source else None)
                    for status, start, end, source in data["periods"]
                ],
            )
        else:
            status_history.fill_from_dates(record)


def _create_bids_and_deadlines(deal, item, companies, articles) -> None:
    for bid_data in item["bids"]:
        bid = Bid.objects.create(
            deal=deal,
            status=bid_data["status"],
            countries=bid_data.get("countries", []),
            amount=bid_data.get("amount"),
            currency=bid_data.get("currency", ""),
            submitted_on=bid_data["submitted_on"],
            resolved_on=bid_data["resolved_on"],
            note=bid_data["note"],
        )
        bid.bidders.set(companies[slug] for slug in bid_data["bidders"])
        bid.sources.set(articles[slug] for slug in bid_data.get("sources", []))

    created: dict[str, Deadline] = {}
    # Later deadlines first, so that an earlier one can point to its successor.
    for data in reversed(item["deadlines"]):
        deadline = Deadline.objects.create(
            deal=deal,
            label=data["label"],
            kind=data["kind"],
            due_on=data["due_on"],
            set_on=data.get("set_on"),
            set_by=data["set_by"],
            status=data["status"],
            extended_to=created[data["extended_to"]] if data["extended_to"] else None,
            note=data.get("note", ""),
        )
        deadline.sources.set(articles[slug] for slug in data.get("sources", []))
        created[data["key"]] = deadline

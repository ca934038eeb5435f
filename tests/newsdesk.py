"""A small English news site in the shape of a real one, for the metadata tests: a CMS page
(navigation, byline, share bar, "most read" box, footer) around each story, with the schema.org
JSON-LD such sites write (several authors, section, keywords, lead image, paywall flag, and an
``articleBody`` on some pages).

Besides ordinary stories it serves the pages the partial-body guard is about: a paywalled teaser
whose JSON-LD holds the whole story, a story its scripts render (the HTML holds the lead only),
a page whose JSON-LD ``articleBody`` is another story (a CMS that reused a template), and one
whose ``articleBody`` is the site's boilerplate.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

from archive.samplesites.server import Route

FLOOD = [
    "The city's new flood plan was drawn up in eleven weeks, after the river broke its banks "
    "twice in one winter and left more than four hundred homes without power.",
    "Engineers from the water board walked every kilometre of the embankment between the old "
    "mill and the rail bridge, marking the places where the clay had slipped or cracked.",
    "Their report, seen by this newspaper, lists nine weak points and puts the cost of repairing "
    "them at forty-two million euros, spread over six years.",
    "The council's finance committee had expected a figure closer to thirty million, and two of "
    "its members asked in a closed session whether the work could be split into smaller phases.",
    "The engineers said it could not: a repaired stretch beside an unrepaired one would only "
    "move the pressure of the water a few hundred metres downstream.",
    "Residents of the lower town, where the water reached the first floor in January, have "
    "formed an association and collected more than three thousand signatures for the plan.",
    "Its chair, a retired teacher who spent four nights in a school gym during the flood, said "
    "the families on her street could not face another winter of sandbags and pumps.",
    "The plan also moves the storm drains under the market square, which flooded within an "
    "hour during the second storm and cut the town centre off from the hospital.",
    "A vote is expected at the council meeting next month, and the regional government has "
    "promised to pay a third of the cost if the work begins before the end of the year.",
]
FACTORY = [
    "The packaging plant on the edge of the industrial estate will close in March, putting "
    "three hundred jobs at risk, its owners told staff at a meeting on Thursday morning.",
    "The company said that orders from its two largest customers had fallen by half since the "
    "spring, and that the plant had lost money in each of the last six quarters.",
    "Union representatives said they had not been told of the closure before the meeting and "
    "would ask the regional labour office to examine whether the company had followed the law.",
    "Many of the workers have been at the plant for more than twenty years, and some of them "
    "are the second generation of their family to work on its production lines.",
    "The mayor said the town would help those who lose their jobs to find work at the new "
    "logistics centre by the motorway, which is expected to hire two hundred people next year.",
    "The company will keep a small office in the town for its sales team, and said it would "
    "offer transfers to its plant in the north to workers willing to move.",
]
MUSEUM = [
    "The city museum reopened on Saturday after a two-year renovation that replaced its roof, "
    "its heating and the glass cases of its natural history hall.",
    "More than two thousand visitors came through its doors on the first day, and the queue "
    "outside reached the corner of the cathedral square by ten in the morning.",
    "The director said the building now uses a third of the energy it did before, and that the "
    "collection of minerals would be shown in full for the first time since the war.",
]
#: Another story's body, as a CMS that reused a template wrote it into the museum page.
OTHER_STORY = [
    "The regional rail operator will add six trains a day on the coastal line from April, after "
    "a year in which passenger numbers grew faster than on any other line in the network.",
    "The new trains will run every half hour in the morning and the evening, and every hour "
    "during the day, with the last train leaving the city shortly before midnight.",
    "The operator said it had bought four second-hand trains from a company in the south and "
    "refitted them with new seats, wider doors and space for bicycles and pushchairs.",
    "Commuters' groups welcomed the plan but said that the stations on the line still lacked "
    "lifts, so that passengers in wheelchairs could use only three of its eleven stops.",
    "The regional government said it would fund lifts at four more stations next year, and "
    "that work on the first of them would begin in the summer holidays.",
    "Ticket prices on the line will not change, but a new monthly pass will cover both the "
    "trains and the city's buses, which the operator said would save regular commuters money.",
    "The line was nearly closed fifteen years ago, when fewer than a thousand people used it "
    "each day; today more than nine thousand do, most of them travelling to work in the city.",
]
WEATHER = [
    "The national weather service has issued an amber warning for strong winds on Saturday, with "
    "gusts of up to ninety kilometres an hour expected along the coast.",
    "Ferries to the islands may be cancelled, and the service advised drivers of high vehicles "
    "to avoid the coastal road and the two bridges over the estuary until Sunday morning.",
]
#: The site's boilerplate, as a CMS that filled articleBody from the wrong field wrote it.
BOILERPLATE = [
    "The Riverside Courier is an independent daily newspaper serving the city and the valley "
    "since 1921. Our journalists report on local politics, business, culture and sport.",
    "All content on this website is protected by copyright. You may share links to our "
    "articles, but you may not copy or republish them without our written permission.",
    "We use cookies to improve your experience, to measure our audience and to show you "
    "advertising. You can change your choices at any time in the privacy settings.",
    "Subscribers get unlimited access to all our articles, the daily newsletter, the digital "
    "edition of the printed newspaper and invitations to our readers' events.",
    "To contact the newsroom, write to our editors or call the news desk. To report an error "
    "in one of our articles, please use the corrections form at the bottom of every page.",
    "The Riverside Courier is a member of the regional press council and follows its code of "
    "practice. Complaints about our journalism can be made to the council directly.",
]
COUNCIL = [
    "The city council approved a new budget for its schools on Tuesday night, ending four months "
    "of debate that had divided the ruling coalition and filled the public gallery.",
    "The budget adds twelve million euros for school buildings over three years, most of it for "
    "the two primary schools in the north of the city whose roofs leak every winter.",
    "It also pays for forty more teaching assistants, a demand of the parents' association, "
    "which had organised three marches to the town hall since the autumn.",
    "The opposition voted against, saying that the money for the buildings came from cuts to "
    "the youth centres, which will close on Sundays from next year.",
]
STRIKE = [
    "The transit strike that had stopped buses and trams for three days ended on Wednesday "
    "morning, after talks between the city's transport company and the unions ran through the "
    "night.",
    "The agreement raises drivers' pay by four percent this year and three percent next year, "
    "and limits the length of split shifts, which the unions said had made the job unbearable.",
    "The first trams left their depots shortly after six, and the company said that the whole "
    "network would run to its normal timetable by the evening rush hour.",
]
CUP = [
    "Riverside Athletic won the regional cup on Sunday, beating their neighbours two goals to "
    "one in a final played in driving rain in front of four thousand supporters.",
    "Both goals came in the last twenty minutes, the winner from a header by the club's youngest "
    "player, who turned eighteen last week and was playing only his third match for the team.",
    "The club will now play in the national cup next season for the first time in its history, "
    "and its chairman said the prize money would pay for new floodlights at the ground.",
]


@dataclass
class Story:
    slug: str
    title: str
    section: str
    authors: list[str]
    #: The paragraphs the page shows.
    shown: list[str]
    day: int
    #: The JSON-LD ``articleBody``, when the page states one.
    body: list[str] | None = None
    free: bool | None = None
    #: Below the shown paragraphs: a paywall box, or the empty element a script fills.
    after: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return f"/{self.section.lower()}/2025/03/{self.day:02d}/{self.slug}/"

    @property
    def published(self) -> str:
        return f"2025-03-{self.day:02d}T07:{10 + self.day:02d}:00+01:00"


PAYWALL = ('<div class="paywall" data-paywall="hard"><h3>This article is for subscribers</h3>'
           '<p>Subscribe to read on, from 1 euro a month.</p><a class="button" '
           'href="/subscribe/">Subscribe</a> <a href="/login/">Sign in</a></div>')
HYDRATE = ('<div id="story-body" data-hydrate="article-body"></div>'
           '<script src="/static/story-body.js" defer></script>')

STORIES = [
    Story("council-approves-school-budget", "Council approves new budget for city schools",
          "Politics", ["Maria Keller"], COUNCIL, 3, body=COUNCIL, free=True),
    Story("transit-strike-ends", "Transit strike ends after overnight talks", "Politics",
          ["Maria Keller", "Tom Osei"], STRIKE, 4),
    Story("athletic-win-regional-cup", "Riverside Athletic win the regional cup", "Sport",
          ["Tom Osei"], CUP, 5),
    Story("how-the-flood-plan-was-drawn-up", "How the river flood plan was drawn up",
          "Investigations", ["Ana Ruiz"], FLOOD[:2], 6, body=FLOOD, free=False, after=PAYWALL),
    Story("packaging-plant-to-close", "Packaging plant to close, putting 300 jobs at risk",
          "Business", ["Ana Ruiz"], FACTORY[:2], 7, body=FACTORY, after=HYDRATE),
    Story("museum-reopens", "City museum reopens after two-year renovation", "Culture",
          ["Lena Park"], MUSEUM, 8, body=OTHER_STORY),
    Story("wind-warning-for-the-weekend", "Wind warning issued for the weekend", "Weather",
          ["Lena Park"], WEATHER, 9, body=BOILERPLATE),
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Riverside Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="article:section" content="{section}">
<script type="application/ld+json">{jsonld}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">The Riverside Courier</a>
<nav><ul><li><a href="/politics/">Politics</a></li><li><a href="/business/">Business</a></li>
<li><a href="/sport/">Sport</a></li><li><a href="/culture/">Culture</a></li></ul></nav></header>
<main><article class="story">
<p class="kicker"><a href="/{section_path}/">{section}</a></p>
<h1 class="headline">{title}</h1>
<div class="byline">By {byline} · <time datetime="{published}">{day} March 2025</time></div>
<div class="share"><button>Share</button><button>Copy link</button></div>
<div class="story-body">
{paragraphs}
{after}
</div></article>
<aside class="most-read"><h2>Most read</h2><ol>
<li><a href="/politics/2025/03/01/mayor-announces-plan/">Mayor announces housing plan</a></li>
<li><a href="/sport/2025/03/02/marathon-route/">Marathon route changes this year</a></li>
</ol></aside></main>
<footer><p>© 2025 The Riverside Courier. All rights reserved.</p>
<a href="/privacy/">Privacy</a> <a href="/contact/">Contact</a></footer>
</body></html>"""


def jsonld(story: Story, origin: str) -> dict:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
        "datePublished": story.published, "articleSection": story.section,
        "author": [{"@type": "Person", "name": name} for name in story.authors],
        "publisher": {"@type": "Organization", "name": "The Riverside Courier"},
        "mainEntityOfPage": origin + story.path,
        "image": {"@type": "ImageObject", "url": f"{origin}/images/{story.slug}.jpg"},
        "keywords": [story.section.lower(), "riverside"],
    }
    if story.free is not None:
        data["isAccessibleForFree"] = story.free
    if story.body is not None:
        data["articleBody"] = "\n\n".join(story.body)
    return {**data, **story.extra}


def page(story: Story, origin: str) -> bytes:
    return PAGE.format(
        title=html.escape(story.title), section=story.section,
        section_path=story.section.lower(), byline=" and ".join(story.authors),
        published=story.published, day=story.day, after=story.after,
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in story.shown),
        jsonld=json.dumps(jsonld(story, origin)).replace("</", "<\\/"),
    ).encode()


def routes(origin: str, stories: list[Story] = STORIES) -> dict[str, Route]:
    found = {story.path: Route(page(story, origin)) for story in stories}
    teasers = "\n".join(f'<li><a href="{s.path}">{html.escape(s.title)}</a></li>'
                        for s in stories)
    found["/"] = Route(f"<!DOCTYPE html><html lang=\"en\"><head><title>The Riverside Courier"
                       f"</title></head><body><h1>The Riverside Courier</h1><ul>{teasers}</ul>"
                       f"</body></html>".encode())
    found["/robots.txt"] = Route(b"User-agent: *\nDisallow: /subscribe/\n",
                                 content_type="text/plain")
    return found


SEED = """name = "courier"
language = "en"
allowed_domains = ["127.0.0.1"]
start_urls = ["{origin}/"]
article_pattern = "^/[a-z]+/2025/03/[0-9]+/[a-z0-9-]+/$"
depth = 1
"""


def seed(origin: str, directory) -> list:
    path = directory / "courier.toml"
    path.write_text(SEED.replace("{origin}", origin), encoding="utf-8")
    return [path]

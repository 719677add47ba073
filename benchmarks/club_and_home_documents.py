"""The tenth folder of benchmarks/structured_documents.py: a gym's terms, an insurance summary and six more.

A gym's membership terms in PDF as a browser's "Save as PDF" writes them (every glyph placed on its
own) in two justified columns, a ruled table of prices inside the left one, a column running into
the next mid-paragraph and footnotes under a rule, a home contents insurance summary in Word with a
table of limits, bullet lists of excesses and exclusions and a footer, an under-11s football team's
spreadsheet in Excel on four sheets (fixtures under a title row, training, subs and contacts), an
allotment society's AGM deck in PowerPoint with a table of rents and speaker notes, a self-hosted
photo library's install guide in Markdown with a requirements table and code blocks, a wedding page
in HTML with a timetable and FAQ questions as <h3> headings, a family recipe book in plain text and
a water shutdown notice as a scanned page (PNG, read by OCR). The documents and questions were
written by a helper agent asked to play a first-time user (documents first, then questions in its
own words, before seeing any answer; 2026-12-02). Its 78 questions are here with the first
questions of its 12 follow-up pairs, which stand alone (the follow-ups, asked with a conversation
before them, are left out), and one of its near-misses whose fair reply the documents hold (the
systems PhotoVault runs on: Debian or Ubuntu, so not a Mac): 91 questions. Its other 21 near-misses
(16 about a detail the documents do not have, 5 off-topic) must be refused. A question is right when
the first passage holds any one of its fragments. `write_documents` writes the text files of
DOCUMENTS and builds the .pdf, .docx, .xlsx, .pptx and .png.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import docx
import openpyxl
from fpdf import FPDF
from openpyxl.styles import Font
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from benchmarks.slide_decks import write_deck
from benchmarks.word_tables import add_table

DOCUMENTS: dict[str, str] = {
    "family_recipes.txt": """NANA JOAN'S RECIPE BOOK
Typed up by Clare, Easter 2025

Contents: Lemon drizzle cake; Sunday beef stew; Cheese scones; Green lentil dal


LEMON DRIZZLE CAKE

Makes one 2lb loaf, about 10 slices. Keeps for 4 days in a tin.

Ingredients
- 225g unsalted butter, softened
- 225g caster sugar
- 4 large eggs
- 225g self-raising flour
- zest of 2 lemons
For the drizzle: juice of 1.5 lemons and 85g granulated sugar

Method
1. Heat the oven to 180C (160C fan, gas 4) and line the loaf tin with baking paper.
2. Beat the butter and caster sugar until pale and fluffy, then add the eggs one at a
time, mixing well.
3. Fold in the flour and lemon zest.
4. Bake for 45-50 minutes, until a skewer comes out clean.
5. While the cake is still warm, prick it all over and pour over the drizzle.

Nana's tip: use granulated sugar for the drizzle, not icing sugar, so it sets with a
crunchy top.


SUNDAY BEEF STEW

Serves 6. Freezes well for up to 3 months.

Ingredients
- 1kg braising steak, cut into chunks
- 2 tbsp plain flour
- 2 onions, 3 carrots and 2 sticks of celery, chopped
- 500ml beef stock
- 250ml stout (or extra stock)
- 2 bay leaves and a sprig of thyme

Method
1. Toss the beef in the flour and brown it in batches in a large casserole.
2. Soften the vegetables in the same pan for 10 minutes.
3. Add the stock, stout and herbs, and bring to a simmer.
4. Cover and cook in the oven at 150C (130C fan, gas 2) for 2 1/2 to 3 hours,
until the beef is tender.

Dumplings: mix 100g self-raising flour with 50g suet and a pinch of salt, add enough
cold water to make a soft dough, roll into 8 balls and sit them on top of the stew for
the last 25 minutes with the lid off.

For a slow cooker, cook on low for 8 hours.


CHEESE SCONES

Makes 8. Best eaten the same day.

Ingredients
- 250g self-raising flour
- 1 tsp baking powder
- 60g cold butter
- 100g mature cheddar, grated, plus extra for the tops
- 150ml milk
- a pinch of mustard powder

Method
1. Heat the oven to 220C (200C fan, gas 7).
2. Rub the butter into the flour, baking powder and mustard until it looks like
breadcrumbs, then stir in the cheese.
3. Add the milk and bring it together into a soft dough; don't overwork it.
4. Pat out to 3cm thick and cut with a 6cm cutter.
5. Brush with milk, top with cheese and bake for 12-15 minutes until golden.


GREEN LENTIL DAL

Serves 4. Vegan if you use oil instead of ghee.

Ingredients
- 200g green lentils, rinsed
- 1 onion, finely chopped
- 3 garlic cloves and a thumb of ginger, grated
- 1 tsp each of cumin seeds, turmeric and garam masala
- 400g tin of chopped tomatoes
- 1 tbsp ghee or oil

Method
1. Simmer the lentils in 800ml water for 30-35 minutes until soft.
2. Meanwhile fry the onion in the ghee until golden, then add the garlic, ginger and spices
for a minute.
3. Stir in the tomatoes and cook for 5 minutes, then add to the lentils.
4. Season, and finish with a squeeze of lime and fresh coriander.

Green lentils don't need soaking. If you use red lentils instead, cut the cooking time
to 20 minutes.
""",
    "photovault_install.md": """# Installing PhotoVault on a home server

PhotoVault is a self-hosted photo library for families. This guide covers installing version 3.2 on a small Linux machine such as a Raspberry Pi 5 or an old laptop, backing it up, and fixing the usual problems.

## Before you start

### What you need

| Item | Minimum | Recommended |
|---|---|---|
| Memory (RAM) | 2 GB | 4 GB or more |
| Free disk space | 20 GB plus your photos | An external USB 3 drive |
| Operating system | Debian 12 or Ubuntu 22.04 | Debian 12 |
| Docker | 24.0 | 26.1 or later |

PhotoVault does **not** run on 32-bit systems. Windows is not supported directly; use WSL2 if you must.

### Ports

The web interface listens on port **8420**. The mobile app's automatic upload also uses port 8420, so you only need to open one port on your firewall. The optional face-recognition worker talks to the main server on port 8421, which should never be exposed to the internet.

## Installation

1. Install Docker and the Compose plugin:

   ```bash
   sudo apt update
   sudo apt install docker.io docker-compose-plugin
   ```

2. Create a folder for PhotoVault and download the compose file:

   ```bash
   mkdir ~/photovault && cd ~/photovault
   curl -O https://photovault.example/releases/3.2/compose.yaml
   ```

3. Copy `example.env` to `.env` and set `PV_LIBRARY` to the folder where your photos should be stored.
4. Start it with `docker compose up -d`. The first start takes about five minutes while the thumbnails database is created.
5. Open `http://<server address>:8420` in a browser and create the first account, which becomes the administrator.

The default administrator user name is `admin`; there is no default password, you choose one in step 5.

## Updating to a new version

Always back up first (see below). Then run:

```bash
docker compose pull
docker compose up -d
```

Skipping major versions is not supported: to go from 1.x to 3.x, upgrade to 2.9 first.

## Backups

PhotoVault keeps your photos as ordinary files in `PV_LIBRARY`, but albums, tags and face names live in its database. Back up both.

- Run `docker compose exec pv pv-backup` to write a database dump to `PV_LIBRARY/backups`.
- Backups older than 14 days are deleted automatically.
- Copy the whole library folder to another disk at least once a week.

To restore, stop PhotoVault, copy the files back and run `pv-restore` with the name of the dump file.

## Troubleshooting

### The web page does not load

Check that the containers are running with `docker compose ps`. If the status shows `restarting`, look at the log with `docker compose logs pv --tail 50`. The most common cause is that `PV_LIBRARY` points at a drive that is not mounted.

### Uploads from the phone stop after a few photos

The phone app pauses uploads when battery saver is on. Turn battery saver off, or allow PhotoVault to run in the background in the phone's settings.

### Face recognition is very slow

Face recognition needs at least 4 GB of memory. On a Raspberry Pi, set `PV_FACES_THREADS=1` in `.env` so that it does not starve the web interface; scanning a library of 20,000 photos then takes about two days.

### I forgot the administrator password

Run `docker compose exec pv pv-admin reset-password admin`. A new temporary password is printed on the screen; you must change it at the next sign-in.

## Getting help

Ask on the community forum at forum.photovault.example. Please include the output of `pv-admin version` and the last 50 lines of the log. Paid support is not available for the free edition.
""",
    "wedding.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Amara &amp; Joel — 14 June 2026</title>
<style>body{font-family:Georgia,serif;max-width:720px;margin:auto} nav a{margin-right:1em}</style></head>
<body>
<header><nav><a href="#">Home</a><a href="#day">The day</a><a href="#stay">Where to stay</a><a href="#faq">FAQ</a><a href="#rsvp">RSVP</a></nav></header>
<main>
<article>
<h1>Amara &amp; Joel are getting married!</h1>
<p>We would love you to join us to celebrate our wedding on Saturday 14 June 2026 at Hollins Barn, near Hebden Bridge. This page has everything you need to know about the day. Please reply by 1 March 2026.</p>

<h2 id="day">The day</h2>
<table>
<thead><tr><th>Time</th><th>What's happening</th><th>Where</th></tr></thead>
<tbody>
<tr><td>1:30 pm</td><td>Guests arrive; welcome drinks</td><td>The courtyard</td></tr>
<tr><td>2:00 pm</td><td>Ceremony</td><td>The Oak Room</td></tr>
<tr><td>3:00 pm</td><td>Photographs and canapés</td><td>The orchard (weather permitting)</td></tr>
<tr><td>5:00 pm</td><td>Wedding breakfast and speeches</td><td>The Great Barn</td></tr>
<tr><td>7:30 pm</td><td>Evening guests arrive; cutting the cake</td><td>The Great Barn</td></tr>
<tr><td>8:00 pm</td><td>First dance, then ceilidh band</td><td>The Great Barn</td></tr>
<tr><td>9:30 pm</td><td>Pizza van</td><td>The courtyard</td></tr>
<tr><td>Midnight</td><td>Carriages — last shuttle bus leaves</td><td>Main gate</td></tr>
</tbody></table>

<h2>Getting there</h2>
<p>Hollins Barn is on Cragg Lane, HX7 8QR. There is free parking for about 60 cars in the field next to the barn; please car-share if you can. If you are coming by train, the nearest station is Hebden Bridge, 3 miles away.</p>
<p>We have booked a shuttle bus that will leave from Hebden Bridge station at 12:45 pm and 1:05 pm, and run back to the station and the town centre hotels at 10:30 pm, 11:15 pm and midnight.</p>

<h2 id="stay">Where to stay</h2>
<p>We have reserved rooms at two places nearby. Please mention "Okoye–Barrett wedding" when you book.</p>
<ul>
<li>The White Lion, Hebden Bridge: rooms from £95 a night including breakfast; our block is held until 1 April 2026.</li>
<li>Cragg Vale Cottages (self-catering, sleeps 4–6): £180 a night, minimum two nights.</li>
</ul>
<p>Camping is also allowed in the barn's lower field on the night of the wedding for £10 a tent; showers are available in the farmhouse.</p>

<h2>Dress code</h2>
<p>Summer garden party: smart but comfortable. The ceremony and photographs are partly on grass, so we'd suggest avoiding stilettos. It can get chilly in the evening, so bring a layer.</p>

<h2 id="faq">Questions you might have</h2>
<h3>Can we bring our children?</h3>
<p>We love your little ones, but our wedding is adults only, with the exception of babies in arms and immediate family. We hope you can enjoy a night off!</p>
<h3>Can I bring a plus-one?</h3>
<p>Because of space, we can only accommodate the guests named on your invitation. If your invitation says "and guest", you are welcome to bring someone.</p>
<h3>What about dietary requirements?</h3>
<p>The wedding breakfast is a sharing-style feast with vegetarian and vegan dishes. Please tell us about allergies on the RSVP form and the caterers will prepare a separate plate.</p>
<h3>Do you have a gift list?</h3>
<p>Your presence is the best present. If you would like to give something, we would be grateful for a contribution to our honeymoon in Portugal; there will be a card box at the reception.</p>
<h3>Is the venue accessible?</h3>
<p>The ceremony room, the Great Barn and the toilets are all step-free. The orchard has an uneven path, so let us know if you'd like a golf-buggy lift for the photographs.</p>
<h3>Can we take photos during the ceremony?</h3>
<p>We're having an unplugged ceremony, so please keep phones and cameras away until we've walked back down the aisle. Our photographer, Lena, will capture everything, and you're welcome to snap away afterwards.</p>

<h2 id="rsvp">RSVP</h2>
<p>Please reply using the form below or text Joel on 07700 900 644 by 1 March 2026. Let us know your song request for the ceilidh too!</p>
</article>
</main>
<footer><p>Made with love by Amara &amp; Joel · <a href="#">Back to top</a></p><p>Cookie notice: this site uses no tracking cookies.</p></footer>
</body></html>
""",
}

# The gym's terms as (kind, text) paragraphs: the "title" and "subtitle" across the page, then in two columns
# "heading", "body", "item" (a bullet point) and "footnote" ones; the "table" one stands for GYM_PRICES. A digit
# after "^" is a footnote mark, set small and raised.
GYM_TERMS: list[tuple[str, str]] = [
    ("title", "Ironbridge Leisure & Fitness"),
    ("subtitle", "Membership Terms and Conditions — effective 1 September 2025. Please read these terms before you sign your membership agreement."),
    ("heading", "1. Joining the club"),
    ("body", "Membership is open to anyone aged 16 or over. Members aged 16 and 17 must have a parent or guardian sign the junior consent form, and may use the gym floor only after completing a supervised induction. Every new member must complete a health questionnaire before their first visit."),
    ("body", "A one-off joining fee of £25 is payable when you sign up. The joining fee is waived for anyone who joins during January or who transfers from a corporate membership.^1"),
    ("heading", "2. Membership options and prices"),
    ("body", "All prices are per calendar month and include VAT."),
    ("table", ""),
    ("body", "Standard members can book classes for £4 each. Sauna access can be added to a Standard membership for £6 a month."),
    ("heading", "3. Paying for your membership"),
    ("body", "Membership fees are collected by Direct Debit on the 1st of each month. If a payment fails we will try again on the 15th of the month; a £15 administration charge is added for each failed payment. Members whose account is more than two months in arrears will have their access card suspended until the balance is paid in full."),
    ("body", "Annual memberships paid upfront receive a discount equal to one month's fee."),
    ("heading", "4. Freezing your membership"),
    ("body", "You may freeze your membership for between one and three months once in any twelve-month period. A freeze costs £5 per month and must be requested at reception at least seven days before the next collection date. A medical freeze is free of charge if you provide a doctor's note, and can last up to six months. Your minimum term is extended by the length of any freeze."),
    ("heading", "5. Cancelling"),
    ("body", "Flexi memberships can be cancelled at any time by giving one full calendar month's notice in writing. Contract memberships have a minimum term of twelve months and cannot be cancelled during that term except in the circumstances listed below."),
    ("item", "You move house more than 20 miles from the club (proof of address required)."),
    ("item", "You have a long-term illness or injury that prevents exercise (medical evidence required)."),
    ("item", "You lose your job (a copy of the redundancy letter is required)."),
    ("body", "You have a 14-day cooling-off period after joining, during which you can cancel and receive a full refund of any fees paid, less the cost of any sessions used."),
    ("heading", "6. Opening hours"),
    ("body", "The club is open Monday to Friday from 6:00 to 22:00, on Saturdays from 7:00 to 20:00 and on Sundays from 8:00 to 18:00. On bank holidays we open from 9:00 to 17:00. The club is closed on Christmas Day, Boxing Day and New Year's Day. The pool closes 30 minutes before the club."),
    ("heading", "7. Bringing a guest"),
    ("body", "Premium members may bring a guest up to four times a month. Guests pay £8 per visit, must be aged 18 or over and must show photo ID at reception. Guests may not use the sauna or steam room unless accompanied by the member throughout."),
    ("heading", "8. Classes"),
    ("body", "Classes can be booked through the Ironbridge app up to seven days in advance. If you cannot attend, cancel at least two hours before the start; a late cancellation or no-show is charged at £3. Members who miss three booked classes in one month are unable to book for the following fourteen days."),
    ("heading", "9. Lockers and belongings"),
    ("body", "Day lockers take a £1 coin, which is returned when you open the locker. Locks left on lockers overnight will be cut off and the contents kept at reception for 30 days. Permanent lockers can be rented for £10 a month, subject to availability. The club accepts no liability for items left in the changing rooms.^2"),
    ("heading", "10. Conduct in the club"),
    ("item", "Please bring a towel and wipe down equipment after use."),
    ("item", "Filming or photographing other members is not allowed."),
    ("item", "Chalk may only be used in the lifting zone."),
    ("item", "Children under 16 are not allowed on the gym floor at any time."),
    ("item", "Outdoor shoes must not be worn in the studios."),
    ("heading", "11. Personal training"),
    ("body", "Personal training is not included in any membership. Sessions with one of our trainers cost £35 for 45 minutes or £150 for a block of five, and must be cancelled 24 hours in advance or the full fee is charged."),
    ("heading", "12. Changes to these terms"),
    ("body", "We will give you at least 30 days' notice by email of any increase in membership fees. If you do not accept a price increase you may cancel without penalty before it takes effect, even during a minimum term."),
    ("footnote", "1. Corporate transfers must be completed within 30 days of the end of the corporate membership."),
    ("footnote", "2. Items of value may be handed in at reception for safekeeping during your visit."),
]  # fmt: skip

# The gym's ruled table of prices, its first row the header (in bold on grey), and its column widths in mm.
GYM_PRICES: list[tuple[str, str, str]] = [
    ("Membership", "Monthly price", "Access"),
    ("Off-Peak", "£29", "Weekdays 6:00–16:00; all day at weekends"),
    ("Standard", "£39", "Any time the club is open; gym and pool"),
    ("Premium", "£52", "Any time; all classes, sauna and steam room included"),
    ("Student", "£24", "Off-Peak hours; valid student card required"),
    ("Senior (65+)", "£22", "Off-Peak hours"),
]
GYM_PRICE_WIDTHS = (21.0, 15.5, 48.0)

# The Word summary as (style, text) paragraphs, a "Normal" one written with no style set and a "Strong" one as a
# bold run; the "Table Grid" one stands for COVER.
INSURANCE: list[tuple[str, str]] = [
    ("Title", "Harbourside Home Contents Insurance"),
    ("Strong", "Policy summary — Contents Plus"),
    ("Normal", "Policyholder: Mr D. Okafor, Flat 3, 27 Quarry Road, Leeds LS6 2BT"),
    ("Normal", "Policy number: HC-4471-220"),
    ("Normal", "Period of cover: 12 March 2025 to 11 March 2026"),
    ("Normal", "This summary does not contain the full terms and conditions of your policy, which can be found in your policy booklet. Please read it alongside your schedule so that you understand what is and is not covered."),
    ("Heading 1", "Your cover at a glance"),
    ("Table Grid", ""),
    ("Normal", "Food in your freezer is covered up to £400 if it spoils because the freezer breaks down or the power is cut."),
    ("Heading 1", "Excesses"),
    ("Normal", "The excess is the amount you pay towards each claim. Your policy has the following excesses:"),
    ("List Bullet", "Standard excess: £100 for every claim"),
    ("List Bullet", "Escape of water: £250"),
    ("List Bullet", "Subsidence: £1,000"),
    ("List Bullet", "Theft from an outbuilding or shed: £150"),
    ("Normal", "If you choose a higher voluntary excess, it is added to the amounts above."),
    ("Heading 1", "What is not covered"),
    ("Normal", "As with most home insurance, some things are excluded. The main exclusions are:"),
    ("List Bullet", "Wear and tear, and damage that happens gradually, such as a slow leak from a shower tray"),
    ("List Bullet", "Damage caused by pets chewing, scratching or fouling"),
    ("List Bullet", "Theft or damage while your home has been left unoccupied for more than 60 days in a row"),
    ("List Bullet", "Theft from an unlocked car"),
    ("List Bullet", "Mobile phones, unless you have added personal possessions cover"),
    ("List Bullet", "Loss or damage caused by a tenant or lodger"),
    ("Heading 1", "Making a claim"),
    ("Normal", "Call our claims line on 0800 046 7712, open 24 hours a day, 365 days a year. You should tell us about a claim as soon as possible and in any case within 30 days."),
    ("Heading 2", "If you are burgled"),
    ("Normal", "Report the theft to the police within 24 hours and ask for a crime reference number, which we will need before we can deal with your claim. Keep receipts or photographs of expensive items, as we may ask for proof of ownership."),
    ("Heading 2", "If water is leaking"),
    ("Normal", "Turn off the water at the stopcock and, if safe, switch off the electricity. Do not throw away damaged carpets or furniture until we have seen them or agreed that you can."),
    ("Heading 1", "Cancelling your policy"),
    ("Normal", "You can cancel within 14 days of receiving your documents and we will give you a full refund, as long as you have not made a claim."),
    ("Normal", "After the 14 days you can still cancel at any time; we will refund the premium for the unused days, less a £25 cancellation fee."),
    ("Heading 1", "Payment"),
    ("Normal", "Your annual premium is £186.40. If you pay monthly, there are 11 instalments of £17.20 by direct debit, and the APR is 9.9%."),
    ("Heading 1", "Complaints"),
    ("Normal", "If you are unhappy with our service, write to Customer Relations, Harbourside Insurance, PO Box 119, Bristol BS1 9ZZ, or email complaints@harbourside.example. If we cannot resolve your complaint within eight weeks you may refer it to the Financial Ombudsman Service."),
]  # fmt: skip

# The summary's table of cover, its first row the header (in bold, not marked as one).
COVER: list[tuple[str, str, str]] = [
    ("Cover", "Limit", "Included?"),
    ("Contents (total)", "£50,000", "Yes"),
    ("Any single item", "£2,000", "Yes"),
    ("Valuables (jewellery, watches, art) in total", "£10,000", "Yes"),
    ("Accidental damage to contents", "Up to the contents limit", "Yes – Contents Plus only"),
    ("Personal possessions away from the home", "£1,500", "Optional extra"),
    ("Bicycles away from the home", "£750 per bicycle", "Optional extra"),
    ("Legal expenses", "£100,000", "Yes"),
    ("Home emergency", "—", "Not included"),
    ("Alternative accommodation", "£10,000", "Yes"),
    ("Contents in the garden", "£500", "Yes"),
]

# The summary's page footer.
INSURANCE_FOOTER = (
    "Harbourside Insurance Ltd is authorised and regulated by the Financial Conduct Authority (FRN 310442)."
)

# The Excel workbook's sheets by name, one tuple a row: the first sheet has a title row (in bold, 14-point) and an
# empty row above its header, the others a header in their first row.
FIXTURES: dict[str, list[tuple[str, ...]]] = {
    "Fixtures": [
        ("Millbrook Rovers U11 Blues — Autumn fixtures 2025",),
        (),
        ("Date", "Kick-off", "Opponent", "Home/Away", "Venue", "Meet at", "Kit"),
        ("Sat 13 Sep 2025", "10:00", "Ashby Town Colts", "Home", "Millbrook Rec, Pitch 2", "9:15", "Blue"),
        ("Sat 20 Sep 2025", "10:30", "Kirkgate Juniors", "Away", "Kirkgate Park, Moor Lane", "9:30", "Blue"),
        ("Sat 27 Sep 2025", "10:00", "Holmfield FC", "Home", "Millbrook Rec, Pitch 2", "9:15", "Blue"),
        ("Sat 4 Oct 2025", "11:00", "St Cuthbert's Youth", "Away", "St Cuthbert's School field", "10:00", "White (away)"),
        ("Sat 11 Oct 2025", "—", "No match – half-term tournament", "", "", "", ""),
        ("Sun 12 Oct 2025", "9:00", "Riverside Cup (tournament)", "Away", "Riverside Sports Village", "8:15", "Blue"),
        ("Sat 18 Oct 2025", "10:00", "Denby Dale Dynamos", "Home", "Millbrook Rec, Pitch 1", "9:15", "Blue"),
        ("Sat 1 Nov 2025", "10:30", "Ashby Town Colts", "Away", "Ashby Leisure Centre 3G", "9:30", "White (away)"),
        ("Sat 8 Nov 2025", "10:00", "Thornhill Rangers", "Home", "Millbrook Rec, Pitch 2", "9:15", "Blue"),
        ("Sat 15 Nov 2025", "10:00", "Kirkgate Juniors", "Home", "Millbrook Rec, Pitch 2", "9:15", "Blue"),
        ("Sat 22 Nov 2025", "11:00", "Holmfield FC", "Away", "Holmfield Park", "10:00", "Blue"),
        ("Sat 6 Dec 2025", "10:00", "Thornhill Rangers", "Away", "Thornhill Academy 3G", "9:15", "White (away)"),
    ],
    "Training": [
        ("Day", "Time", "Where", "Who", "Coach"),
        ("Tuesday", "18:00–19:00", "Millbrook Rec (floodlit 3G)", "Whole squad", "Gary Holt"),
        ("Thursday", "17:30–18:30", "Millbrook Primary sports hall", "Goalkeepers only", "Jo Pearce"),
        ("Saturday (no match)", "9:30–11:00", "Millbrook Rec, Pitch 2", "Whole squad", "Gary Holt"),
    ],
    "Subs and fees": [
        ("Item", "Cost", "When due", "Notes"),
        ("Annual registration", "£45", "By 31 August", "Includes league affiliation and insurance"),
        ("Monthly subs", "£18", "1st of each month", "Standing order preferred; siblings £12"),
        ("Match-day fee", "£0", "", "No charge on match days"),
        ("Training kit bundle", "£32", "On order", "Hoodie, training top and shorts"),
        ("Match socks (replacement)", "£6", "On order", ""),
    ],
    "Contacts": [
        ("Role", "Name", "Phone", "Email"),
        ("Head coach", "Gary Holt", "07700 900412", "gary.holt@millbrookrovers.example"),
        ("Assistant coach / goalkeeping", "Jo Pearce", "07700 900587", "jo.p@millbrookrovers.example"),
        ("Team manager", "Sunita Rao", "07700 900233", "u11blues@millbrookrovers.example"),
        ("Club welfare officer", "Martin Fleet", "07700 900871", "welfare@millbrookrovers.example"),
        ("Treasurer", "Helen Dyson", "07700 900119", "treasurer@millbrookrovers.example"),
    ],
}  # fmt: skip

# The PowerPoint deck (4:3) as (layout, title, lines, speaker notes) slides: the "title" slide's lines are its
# subtitle, a "points" slide's its bullet points (one starting with two spaces a sub-point), and the "table"
# slide has RENTS under its title.
AGM: list[tuple[str, str, tuple[str, ...], str]] = [
    ("title", "Greenfield Allotment Society", ("Annual General Meeting — 9 October 2025, 7:30 pm, St Mark's Church Hall",), ""),
    ("points", "Agenda", (
        "Apologies and minutes of the 2024 AGM",
        "Chair's report",
        "Treasurer's report and plot rents for 2026",
        "Rule changes",
        "Waiting list",
        "Election of committee",
        "Any other business",
    ), ""),
    ("points", "Chair's report", (
        "A good year: 41 of 44 plots cultivated",
        "New composting toilet installed in May, paid for by a council grant",
        "Two break-ins to the tool store in March",
        "  Padlocks replaced; new combination given to plot holders by text",
        "Open day raised £612 for the hedgehog fund",
    ), "Thank Brian and the Thursday volunteers for building the new raised beds for the accessible plot. Mention that the council inspection in July found no problems."),
    ("table", "Plot rents for 2026", (),
     "Rents are due by 31 January 2026. Concession: plot holders over 70 or receiving Universal Credit pay half rent, but the water charge is paid in full."),
    ("points", "Rule changes proposed", (
        "Bonfires: only from November to February, and must be out by 10 am",
        "Hosepipes: not allowed at any time; use watering cans filled from the troughs",
        "Dogs: must be on a lead and are not allowed on other people's plots",
        "Sheds: maximum size 6 ft × 4 ft; permission from the committee needed first",
    ), "The bonfire rule was requested by neighbours on Elm Grove after complaints about smoke last winter. Vote by show of hands."),
    ("points", "Water and site", (
        "Water troughs are turned off from 1 November to 31 March",
        "Main gate code changes on 1 January — new code by email",
        "Skip for green waste: first weekend of every month",
        "Manure delivery expected late November; free, help yourself",
    ), ""),
    ("points", "Waiting list", (
        "27 people on the waiting list",
        "Average wait for a half plot is about 18 months",
        "Plots left uncultivated for 3 months get a warning letter",
        "  A second letter after a further month; then the plot is re-let",
    ), ""),
    ("points", "Committee nominations", (
        "Chair: Ruth Adeyemi (standing again)",
        "Treasurer: Colin Marsh",
        "Secretary: vacant — volunteers please!",
        "Lettings officer: Priya Sandhu",
    ), ""),
]  # fmt: skip

# The deck's table of rents, its first row the header.
RENTS: list[tuple[str, str, str]] = [
    ("Plot size", "2025 rent", "2026 rent"),
    ("Full plot (250 m²)", "£58", "£62"),
    ("Half plot", "£31", "£34"),
    ("Quarter plot / raised bed", "£18", "£20"),
    ("Water charge (all plots)", "£8", "£10"),
]

# The notice (a page scanned at 200 dpi) as (kind, text) lines: the "title" and "subtitle" centred in bold sans,
# a "heading" in bold sans, a "line" in serif type (an empty one a blank line).
NOTICE: list[tuple[str, str]] = [
    ("title", "NOTICE TO ALL RESIDENTS"),
    ("subtitle", "Elm Court, Blocks A and B"),
    ("heading", "Planned water shutdown"),
    ("line", "Contractors will be replacing the main water pipe serving Block B."),
    ("line", "The water supply to Block B will be turned off on"),
    ("line", "Tuesday 18 November 2025 from 9:00 am until 3:00 pm."),
    ("line", "Block A is not affected."),
    ("line", ""),
    ("line", "Please fill a kettle and some bottles before 9 am. Do not use"),
    ("line", "washing machines or dishwashers during the shutdown."),
    ("line", "When the water comes back it may look cloudy; run the cold"),
    ("line", "kitchen tap for two minutes until it runs clear."),
    ("line", ""),
    ("heading", "Bin store and car park"),
    ("line", "The rear car park will be closed from 7:00 am to 4:00 pm on"),
    ("line", "the same day for the contractors' van. Please park on"),
    ("line", "Beech Road instead. The bin store remains open."),
    ("line", ""),
    ("heading", "Questions"),
    ("line", "Please contact the building manager, Mrs Karen Walsh,"),
    ("line", "on 0113 496 0321 (Monday to Friday, 9 am to 5 pm)."),
    ("line", "Out of hours emergencies: 0113 496 0999."),
    ("line", ""),
    ("line", "We apologise for any inconvenience."),
    ("line", "Northgate Property Management, 3 November 2025"),
]

# (question, fragments of which one must be in the first passage; a tuple of fragments, all of which must be), or
# None for a near-miss, which must be refused.
QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    # The gym's terms (.pdf): two justified columns placed glyph by glyph, a ruled table of prices in the left one.
    ("How old do you have to be to join the gym?", ("16 or over",)),
    ("Is there a sign-up fee, and how much is it?", ("joining fee of £25",)),
    ("How much is off-peak membership a month?", ("£29",)),
    ("What does the premium membership cost?", ("£52",)),
    ("Which membership gets me into the sauna?", (("Premium", "sauna"),)),
    ("What hours can an off-peak member come in during the week?", ("6:00–16:00",)),
    ("On what day is the monthly fee taken from my account?", ("Direct Debit on the 1st of each month",)),
    ("What happens if my direct debit bounces?", ("£15",)),
    ("How much does it cost to pause my membership for a bit?", ("£5 per month",)),
    ("Can I freeze my membership for free if I'm injured?", ("doctor's note",)),
    ("How much notice do I have to give to cancel a flexi membership?", ("calendar month's notice",)),
    ("Can I get out of my contract early if I move away?", ("20 miles",)),
    ("What time does the gym open on a Saturday?", ("Saturdays from 7:00",)),
    ("Is the gym open on Christmas Day?", ("closed on Christmas Day",)),
    ("How much do guests have to pay?", ("£8 per visit",)),
    ("How far in advance can I book a class?", ("up to seven days in advance",)),
    ("What's the charge if I don't turn up to a class I booked?", ("charged at £3",)),
    ("What do I need to use the day lockers?", ("£1 coin",)),
    ("How much is a session with a personal trainer?", ("£35 for 45 minutes",)),
    ("Can my 14 year old son use the gym?", ("under 16", "aged 16 or over")),
    ("What time does the gym open on weekdays?", ("Monday to Friday from 6:00",)),
    ("How much is the standard gym membership?", ("£39",)),
    ("How much does a personal training session cost at the gym?", ("£35 for 45 minutes",)),
    ("How much is a family membership at Ironbridge?", None),
    ("What time does the gym open on Christmas Eve?", None),
    ("Does the gym have a climbing wall?", None),
    ("How much does the gym charge for swimming lessons?", None),
    # The insurance summary (.docx): a table of cover, bullet lists of excesses and exclusions.
    ("What's my insurance policy number?", ("HC-4471-220",)),
    ("What is the most they'll pay out for one single item?", ("£2,000",)),
    ("Am I covered for home emergencies like a broken boiler?", (("Home emergency", "Not included"),)),
    ("What's the excess if a pipe bursts and water leaks?", ("£250",)),
    ("How much do I pay towards a subsidence claim?", ("£1,000",)),
    ("Is my bike covered if it's nicked from outside the shops?", ("£750",)),
    ("Would the insurance pay if my dog chews the sofa?", ("pets",)),
    ("What number do I ring to make a claim?", ("0800 046 7712",)),
    ("How long have I got to tell them about a claim?", ("in any case within 30 days",)),
    ("What do I need from the police after a break-in?", ("crime reference number",)),
    ("How much does it cost to cancel the insurance after the cooling-off period?", ("£25 cancellation fee",)),
    ("How much is the yearly premium?", ("£186.40",)),
    ("Is the food in my freezer covered if it defrosts in a power cut?", ("£400",)),
    ("What's the excess for escape of water?", ("£250",)),
    ("How much cash at home does the insurance cover?", None),
    ("Do I get a no-claims discount on my home insurance?", None),
    # The football team's spreadsheet (.xlsx): fixtures under a title row, training, subs and contacts sheets.
    ("When is our first home game against Ashby?", ("13 Sep",)),
    ("What time do we need to be there for the away match at Kirkgate?", (("20 Sep", "9:30"),)),
    ("Where is the match on 4 October?", ("St Cuthbert's School field",)),
    ("Is there a game on 11 October?", (("11 Oct", "No match"),)),
    ("Which kit do we wear for the away game at Thornhill?", (("6 Dec", "White"),)),
    ("When do the goalkeepers train?", (("Thursday", "Goalkeepers"),)),
    ("Who is the club's welfare officer?", ("Martin Fleet",)),
    ("How much are the monthly subs?", (("Monthly subs", "£18"),)),
    ("What's the team manager's phone number?", ("07700 900233",)),
    ("Where does Tuesday training take place?", ("floodlit 3G",)),
    ("Who is the Rovers head coach?", ("Gary Holt",)),
    ("When do we play Holmfield at home?", ("27 Sep",)),
    ("When do the Rovers play Wetherby?", None),
    ("Who coaches the under-12s?", None),
    # The allotment AGM deck (.pptx): points and sub-points, a table of rents, speaker notes.
    ("How much will a half plot cost next year?", ("£34",)),
    ("When is the allotment AGM being held?", ("9 October 2025",)),
    ("When am I allowed to have a bonfire on my allotment?", ("November to February",)),
    ("Can I use a hosepipe on my plot?", ("Hosepipes",)),
    ("When do they turn the water troughs off?", ("1 November",)),
    ("How long would I wait for a half plot?", ("18 months",)),
    ("Who is standing as treasurer?", ("Colin Marsh",)),
    ("When does the plot rent have to be paid by?", ("31 January 2026",)),
    ("Do pensioners get cheaper rent?", ("over 70",)),
    ("What's the biggest shed I'm allowed?", ("6 ft",)),
    ("How much is a full allotment plot going to cost in 2026?", ("£62",)),
    ("Are we allowed to keep chickens on the allotment?", None),
    ("When is next year's allotment open day?", None),
    # The PhotoVault install guide (.md): a requirements table, numbered steps with code blocks, FAQ-like headings.
    ("How much RAM does PhotoVault need?", ("2 GB",)),
    ("Which port does the PhotoVault web interface use?", ("8420",)),
    ("Can I run PhotoVault on Windows?", ("Windows is not supported",)),
    ("How do I reset the admin password if I've forgotten it?", ("reset-password",)),
    ("How long are PhotoVault's backups kept?", ("older than 14 days",)),
    ("Can I upgrade straight from version 1 to version 3?", ("2.9",)),
    ("Why do my photo uploads from my phone keep stopping?", ("battery saver",)),
    ("What's the default admin username for PhotoVault?", ("default administrator user name",)),
    ("Does PhotoVault run on a Mac?", ("Debian 12 or Ubuntu 22.04", "small Linux machine")),
    ("Which port does PhotoVault's database use?", None),
    # The wedding page (.html): a timetable, FAQ questions as headings.
    ("What time does the wedding ceremony start?", ("2:00 pm",)),
    ("Can we bring the kids to the wedding?", ("adults only",)),
    ("What's the deadline to RSVP?", ("1 March 2026",)),
    ("What time is the last bus back after the wedding?", ("midnight",)),
    ("Is there parking at the wedding venue?", ("free parking",)),
    ("What should I wear to the wedding?", ("smart but comfortable",)),
    ("Do Amara and Joel have a gift list?", ("honeymoon",)),
    ("Can we camp at the venue?", ("£10 a tent",)),
    ("What time is the first shuttle bus from the station to the wedding?", ("12:45",)),
    ("Can I bring a plus-one to the wedding?", ("named on your invitation", "and guest")),
    ("What time does the ceilidh band finish?", None),
    ("How much is a room at the Premier Inn for the wedding?", None),
    # The recipe book (.txt): recipes under names in capitals, numbered methods.
    ("What temperature should the oven be for the lemon drizzle cake?", ("180C",)),
    ("How long do the cheese scones go in the oven?", ("12-15 minutes",)),
    ("How long does the beef stew cook in the oven?", ("2 1/2 to 3 hours",)),
    ("Do green lentils need soaking first?", ("soaking",)),
    ("How do I make the stew in a slow cooker?", ("8 hours",)),
    ("What oven temperature do the cheese scones need?", ("220C",)),
    ("What temperature do I bake the chocolate brownies at?", None),
    ("How long do I cook the shepherd's pie for?", None),
    # The water shutdown notice (.png, read by OCR).
    ("When will the water be off in Block B?", ("18 November",)),
    ("Will Block A lose its water too?", ("Block A is not affected",)),
    ("Where should I park on the day of the pipe works?", ("Beech Road",)),
    ("Who is the building manager at Elm Court?", ("Karen Walsh",)),
    ("What number do I call for an emergency out of hours?", ("0113 496 0999",)),
    ("When is the water being switched off at Elm Court?", ("18 November",)),
    ("When is the lift being serviced at Elm Court?", None),
    # Off-topic: nothing in the folder answers them.
    ("Who won the 2018 football World Cup?", None),
    ("What's the capital of Australia?", None),
    ("How do I change a flat tyre on my car?", None),
    ("Can you recommend a good film for tonight?", None),
    ("What is the square root of 144?", None),
]  # fmt: skip


def write_documents(folder: Path) -> None:
    """The eight documents in `folder`: the text files of DOCUMENTS, the PDF terms, the Word summary, the Excel
    fixtures, the PowerPoint deck and the scanned notice."""
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    _write_gym_terms(folder / "gym_membership_terms.pdf")
    _write_insurance(folder / "home_insurance_summary.docx")
    _write_fixtures(folder / "rovers_u11_fixtures.xlsx")
    _write_agm(folder / "allotment_agm_2025.pptx")
    _notice_image().save(folder / "water_shutdown_notice.png", dpi=(200, 200))


# The gym's page (A4, in mm) as the trial's style sheet set it for Chromium: margins, two columns with a gap, and
# line height 1.3 times the type size; sizes in points.
_PT = 25.4 / 72
_LEFT, _TOP, _BOTTOM = 16.0, 18.0, 297.0 - 18.0
_GAP = 9.0
_COLUMN = (210.0 - 2 * _LEFT - _GAP) / 2
_INDENT = 14 * _PT  # a bullet point's text


class _Font(NamedTuple):
    family: str
    style: str
    size: float  # points
    rise: float = 0.0  # mm above the baseline


_BODY = _Font("Times", "", 10.5)
_HEADING = _Font("Helvetica", "B", 13)
_CELL, _HEADER_CELL = _Font("Times", "", 9.5), _Font("Times", "B", 9.5)
_FOOTNOTE = _Font("Times", "", 8)

# A glyph and its font; a line is the words it holds, each a list of glyphs.
_Glyph = tuple[str, _Font]
_Line = list[list[_Glyph]]


class _Box(NamedTuple):
    """A line of text, a table row or a margin, as a column holds it: `draw` puts it at a column's x and its y."""

    height: float
    draw: Callable[[FPDF, float, float], None]
    keep: bool = False  # in the same column as the next box
    space: bool = False  # a margin, left out at the top of a column


def _write_gym_terms(path: Path) -> None:
    """GYM_TERMS and GYM_PRICES laid out as a browser prints them: the title and subtitle across the top, the
    rest in two justified columns filled one after the other (the last page's two balanced), each glyph placed on
    its own with its own text command, as Chromium's "Save as PDF" writes text, and bullet points' discs drawn."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "cp1252"  # for "–" and "—"
    pdf.set_auto_page_break(False)
    pdf.add_page()
    (_, title), (_, subtitle), *rest = GYM_TERMS
    y = _TOP
    for text, font, gap in ((title, _Font("Helvetica", "B", 20), 4), (subtitle, _Font("Times", "", 10), 10)):
        pdf.set_text_color(0 if gap == 4 else 68)
        for line in _wrap(pdf, _glyphs(text, font), 210 - 2 * _LEFT):
            _draw_line(pdf, line, _LEFT, y, font, 0.0)
            y += _line_height(font)
        y += gap * _PT
    pdf.set_text_color(0)
    boxes = _boxes(pdf, rest)
    height = _BOTTOM - y
    while boxes:
        columns = _columns(boxes, height)
        if len(columns) <= 2:
            balanced = sum(box.height for box in boxes) / 2
            while len(columns := _columns(boxes, balanced)) > 2:
                balanced += 0.5
        else:
            columns = columns[:2]
        for number, column in enumerate(columns):
            top = y
            for index in column:
                boxes[index].draw(pdf, _LEFT + number * (_COLUMN + _GAP), top)
                top += boxes[index].height
        boxes = boxes[columns[-1][-1] + 1 :]
        if boxes:
            pdf.add_page()
            y, height = _TOP, _BOTTOM - _TOP
    pdf.output(str(path))


def _boxes(pdf: FPDF, paragraphs: list[tuple[str, str]]) -> list[_Box]:
    """The columns' paragraphs as boxes, with the margins the trial's style sheet gave them."""
    boxes: list[_Box] = []
    for number, (kind, text) in enumerate(paragraphs):
        if kind == "heading":
            boxes.append(_space(10))
            boxes += _text_boxes(pdf, text, _HEADING, _COLUMN, justify=False, keep=True)
            boxes.append(_space(3, keep=True))
        elif kind == "table":
            boxes.append(_space(4))
            boxes += [_row_box(pdf, row, header=not r) for r, row in enumerate(GYM_PRICES)]
            boxes.append(_space(8))
        elif kind == "item":
            boxes += _text_boxes(pdf, text, _BODY, _COLUMN - _INDENT, indent=_INDENT)
            if paragraphs[number + 1][0] != "item":
                boxes.append(_space(5))
        elif kind == "footnote":
            if paragraphs[number - 1][0] != "footnote":
                boxes += [_space(8), _Box(3 * _PT, _rule)]
            boxes += _text_boxes(pdf, text, _FOOTNOTE, _COLUMN)
            boxes.append(_space(5))
        else:
            boxes += _text_boxes(pdf, text, _BODY, _COLUMN)
            boxes.append(_space(5))
    while boxes[-1].space:
        boxes.pop()
    return boxes


def _space(points: float, keep: bool = False) -> _Box:
    return _Box(points * _PT, lambda pdf, x, y: None, keep=keep, space=True)


def _rule(pdf: FPDF, x: float, y: float) -> None:
    pdf.set_line_width(0.5 * _PT)
    pdf.line(x, y, x + _COLUMN, y)


def _columns(boxes: list[_Box], height: float) -> list[list[int]]:
    """The boxes poured into columns `height` mm tall, as their indexes: a column ends before a box that does not
    fit, or before a box kept with the next ones when they do not all fit; margins at a column's top are left out."""
    columns: list[list[int]] = [[]]
    used = 0.0
    for index, box in enumerate(boxes):
        if box.space and not columns[-1]:
            continue
        need = box.height
        following = index
        while boxes[following].keep and following + 1 < len(boxes):
            following += 1
            need += boxes[following].height
        if used + need > height and columns[-1]:
            columns.append([])
            used = 0.0
            if box.space:
                continue
        columns[-1].append(index)
        used += box.height
    return columns


def _glyphs(text: str, font: _Font) -> list[_Glyph]:
    """The text's glyphs in `font`, a digit after "^" as a footnote mark: smaller and raised by a fifth of the type
    size, so that PDFium reads it on its line as it does Chromium's (raised by a third, it began a line of its own)."""
    mark = _Font(font.family, font.style, font.size * 0.83, font.size * _PT * 0.2)
    glyphs: list[_Glyph] = []
    for number, part in enumerate(text.split("^")):
        if number:
            glyphs.append((part[0], mark))
            part = part[1:]
        glyphs += [(character, font) for character in part]
    return glyphs


def _width(pdf: FPDF, glyph: _Glyph) -> float:
    character, font = glyph
    pdf.set_font(font.family, font.style, font.size)
    return float(pdf.get_string_width(character))


def _wrap(pdf: FPDF, glyphs: list[_Glyph], width: float) -> list[_Line]:
    """The glyphs broken into lines at most `width` mm wide, at spaces."""
    words: list[list[_Glyph]] = [[]]
    for glyph in glyphs:
        if glyph[0] == " ":
            words.append([])
        else:
            words[-1].append(glyph)
    space = _width(pdf, (" ", glyphs[0][1]))
    lines: list[_Line] = [[]]
    used = 0.0
    for word in words:
        size = sum(_width(pdf, glyph) for glyph in word)
        if lines[-1] and used + space + size > width:
            lines.append([])
            used = 0.0
        used += size + (space if lines[-1] else 0.0)
        lines[-1].append(word)
    return lines


def _line_height(font: _Font) -> float:
    return 1.3 * font.size * _PT


def _draw_line(pdf: FPDF, line: _Line, x: float, top: float, font: _Font, stretch: float) -> None:
    """The line's glyphs one by one from `x`, in a line box from `top`, each space wider by `stretch` mm."""
    baseline = top + (_line_height(font) - font.size * _PT) / 2 + 0.8 * font.size * _PT
    for number, word in enumerate(line):
        if number:
            pdf.set_font(font.family, font.style, font.size)
            pdf.text(x, baseline, " ")
            x += _width(pdf, (" ", font)) + stretch
        for glyph in word:
            pdf.set_font(glyph[1].family, glyph[1].style, glyph[1].size)
            pdf.text(x, baseline - glyph[1].rise, glyph[0])
            x += _width(pdf, glyph)


def _text_boxes(
    pdf: FPDF, text: str, font: _Font, width: float, indent: float = 0.0, justify: bool = True, keep: bool = False
) -> list[_Box]:
    """A paragraph's lines as boxes, justified but for the last; with an `indent`, a bullet point."""
    lines = _wrap(pdf, _glyphs(text, font), width)
    space = _width(pdf, (" ", font))
    boxes = []
    for number, line in enumerate(lines):
        stretch = 0.0
        if justify and number < len(lines) - 1 and len(line) > 1:
            natural = sum(_width(pdf, glyph) for word in line for glyph in word) + space * (len(line) - 1)
            stretch = (width - natural) / (len(line) - 1)

        def draw(
            pdf: FPDF, x: float, y: float, line: _Line = line, stretch: float = stretch, first: bool = not number
        ) -> None:
            if indent and first:  # a disc, drawn as Chromium draws a list's markers, not a glyph
                disc = 0.35 * font.size * _PT
                middle = y + (_line_height(font) - font.size * _PT) / 2 + 0.55 * font.size * _PT
                pdf.set_fill_color(0)
                pdf.ellipse(x + indent / 2.5, middle - disc / 2, disc, disc, style="F")
            _draw_line(pdf, line, x + indent, y, font, stretch)

        boxes.append(_Box(_line_height(font), draw, keep=keep))
    return boxes


def _row_box(pdf: FPDF, row: tuple[str, ...], header: bool) -> _Box:
    """A ruled table row (2pt above and below its text, 3pt either side), the header in bold on grey."""
    font = _HEADER_CELL if header else _CELL
    cells = [
        _wrap(pdf, _glyphs(text, font), width - 6 * _PT) for text, width in zip(row, GYM_PRICE_WIDTHS, strict=True)
    ]
    height = max(len(lines) for lines in cells) * _line_height(font) + 4 * _PT

    def draw(pdf: FPDF, x: float, y: float) -> None:
        pdf.set_line_width(0.8 * _PT)
        pdf.set_fill_color(221)
        for lines, width in zip(cells, GYM_PRICE_WIDTHS, strict=True):
            pdf.rect(x, y, width, height, style="DF" if header else "D")
            for number, line in enumerate(lines):
                _draw_line(pdf, line, x + 3 * _PT, y + 2 * _PT + number * _line_height(font), font, 0.0)
            x += width

    return _Box(height, draw, keep=header)


def _write_insurance(path: Path) -> None:
    document = docx.Document()
    for style, text in INSURANCE:
        if style == "Table Grid":
            add_table(document.add_table(rows=1, cols=len(COVER[0]), style=style), COVER, marked=False)
        elif style == "Strong":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text, style=None if style == "Normal" else style)
    document.sections[0].footer.paragraphs[0].text = INSURANCE_FOOTER
    document.save(str(path))


def _write_fixtures(path: Path) -> None:
    workbook = openpyxl.Workbook()
    for number, (name, rows) in enumerate(FIXTURES.items()):
        sheet = workbook.active if not number else workbook.create_sheet(name)
        sheet.title = name
        for row in rows:
            sheet.append(list(row))
    workbook["Fixtures"]["A1"].font = Font(bold=True, size=14)
    workbook.save(path)


def _write_agm(path: Path) -> None:
    write_deck(path, AGM, RENTS, wide=False)


# Debian's fonts: Liberation (fonts-liberation) as the trial drew the notice, else DejaVu's of the same kind.
_FONTS = Path("/usr/share/fonts/truetype")
_NOTICE_FONTS = {
    "Sans-Bold": ("liberation/LiberationSans-Bold.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "Serif": ("liberation/LiberationSerif-Regular.ttf", "dejavu/DejaVuSerif.ttf"),
}


def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Debian's font `name` at `size` pixels, else the TrueType font Pillow ships (Pillow >= 10.1)."""
    for candidate in _NOTICE_FONTS[name]:
        if (_FONTS / candidate).is_file():
            return ImageFont.truetype(str(_FONTS / candidate), size)
    return ImageFont.load_default(size=size)


def _notice_image() -> Image.Image:
    """NOTICE printed on an A4 page at 200 dpi and scanned: grey paper, 25,000 specks (seeded), a slight blur and
    turned by 1.6 degrees."""
    width, height = 1654, 2339
    image = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(image)
    title, heading, body = _font("Sans-Bold", 74), _font("Sans-Bold", 46), _font("Serif", 40)
    y = 150
    for kind, text in NOTICE:
        if kind == "title":
            draw.text((width // 2, y), text, font=title, fill=20, anchor="mt")
            y += 130
        elif kind == "subtitle":
            draw.text((width // 2, y), text, font=heading, fill=20, anchor="mt")
            y += 120
        elif kind == "heading":
            draw.text((160, y + 20), text, font=heading, fill=25)
            y += 100
        else:
            draw.text((160, y), text, font=body, fill=35)
            y += 58
    pixels = image.load()
    assert pixels is not None
    specks = random.Random(3)
    for _ in range(25000):
        x, speck_y = specks.randrange(width), specks.randrange(height)
        pixels[x, speck_y] = specks.choice([120, 180, 200, 230])
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    return image.rotate(1.6, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)

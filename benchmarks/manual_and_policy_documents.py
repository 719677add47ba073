"""The ninth folder of benchmarks/structured_documents.py: a manual, a policy, slides and three more.

A car owner's manual in PDF with headings in larger type, bullet lists of warning lights, three
ruled tables (tyre pressures, the service schedule and capacities, the last running onto the next
page) and a running header and footer, a travel and expenses policy in Word with numbered and
bullet lists, a table of hotel caps and meal allowances by city (its header row in bold and marked
as one) and a footer, a council's bins and recycling page in HTML with a cookie banner, tables of
collection days and bulky-waste prices and FAQ questions as <h3> headings, a holiday cottage's
welcome guide in Markdown with bold codes, lists and a table of shops, software release notes in
Markdown whose dates are only in the version headings, and a project kickoff deck in PowerPoint
with sub-points, a timeline table and speaker notes. The documents and questions were written by a
helper agent asked to play a first-time user (documents first, then questions in its own words,
before seeing any answer; 2026-12-02). Its 66 questions are here with the first questions of its
12 follow-up pairs, which stand alone (the follow-ups, asked with a conversation before them, are
left out), and two of its near-misses whose fair reply the documents hold (the rule for cities the
hotel table does not list, the systems the app runs on): 80 questions. Its other 17 near-misses
(11 about a detail the documents do not have, 6 off-topic) must be refused. A question is right
when the first passage holds any one of its fragments. `write_documents` writes the text files of
DOCUMENTS and builds the .pdf, .docx and .pptx.
"""

from __future__ import annotations

from pathlib import Path

import docx
from fpdf import FPDF
from fpdf.fonts import FontFace

from benchmarks.slide_decks import write_deck
from benchmarks.word_tables import add_table

DOCUMENTS: dict[str, str] = {
    "eastbrook_bins_and_recycling.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Bins, waste and recycling | Eastbrook District Council</title>
<style>body{font-family:sans-serif} nav a{margin-right:1em}</style>
<script>window.dataLayer=window.dataLayer||[];</script>
</head>
<body>
<div class="cookie-banner">We use cookies to make this website work. <button>Accept all cookies</button> <button>Reject</button></div>
<header><a href="/">Eastbrook District Council</a>
<nav><a href="/council-tax">Council tax</a><a href="/bins">Bins and recycling</a><a href="/parking">Parking</a><a href="/planning">Planning</a><a href="/contact">Contact us</a></nav>
</header>
<main>
<article>
<h1>Bins, waste and recycling</h1>
<p>Last updated: 3 February 2025</p>
<p>Every household in Eastbrook has a grey bin for general rubbish, a blue bin for mixed recycling, a black box for glass
and a brown caddy for food waste. Garden waste is collected from a green bin if you subscribe to the garden waste service.</p>

<h2>What goes in which bin</h2>
<h3>Blue bin - mixed recycling</h3>
<ul>
<li>Paper, newspapers, magazines and envelopes (windows are fine)</li>
<li>Cardboard, flattened, including cereal boxes and delivery boxes</li>
<li>Food and drink cans, clean foil and empty aerosols</li>
<li>Plastic bottles, pots, tubs and trays</li>
<li>Food and drink cartons such as Tetra Pak</li>
</ul>
<p>Please do not put plastic bags, film, polystyrene, nappies or glass in the blue bin.</p>
<h3>Black box - glass</h3>
<p>Glass bottles and jars of any colour, rinsed, with lids removed. Lids can go in the blue bin. Window glass, mirrors, drinking glasses and Pyrex are not accepted.</p>
<h3>Brown caddy - food waste</h3>
<p>All cooked and uncooked food, including meat, fish, bones, fruit and vegetable peelings, tea bags and coffee grounds.
Line your caddy with compostable liners or newspaper; free liners are available from any Eastbrook library. Do not use plastic bags.</p>
<h3>Green bin - garden waste</h3>
<p>Grass cuttings, hedge trimmings, leaves, flowers, weeds and small branches up to 10 cm thick. The garden waste service costs £48 a year
(£40 if you pay by direct debit) and runs from 1 April to 31 March. A second green bin costs an extra £30 a year.</p>
<h3>Grey bin - general rubbish</h3>
<p>Anything that cannot be recycled, such as nappies, plastic film, crisp packets, polystyrene and pet waste (double bagged).
Grey bins must have the lid closed; extra bags left beside the bin will not be collected.</p>

<h2>Collection days</h2>
<p>Grey and blue bins are collected on alternate weeks. Food waste is collected every week. Put your bins out by 6:30am on collection day,
at the edge of your property, and take them back in by the end of the day.</p>
<table>
<thead><tr><th>Area</th><th>Collection day</th><th>Grey bin week</th><th>Garden waste</th></tr></thead>
<tbody>
<tr><td>Northfield</td><td>Monday</td><td>Week A</td><td>Every other Wednesday</td></tr>
<tr><td>Northfield East</td><td>Tuesday</td><td>Week B</td><td>Every other Wednesday</td></tr>
<tr><td>Southgate</td><td>Wednesday</td><td>Week A</td><td>Every other Thursday</td></tr>
<tr><td>Riverside</td><td>Thursday</td><td>Week B</td><td>Every other Thursday</td></tr>
<tr><td>Old Town</td><td>Friday</td><td>Week A</td><td>Every other Friday</td></tr>
<tr><td>Hillcrest and Ashby</td><td>Tuesday</td><td>Week A</td><td>Every other Monday</td></tr>
</tbody>
</table>
<p>Week A in 2025 starts on Monday 6 January; Week B starts on Monday 13 January, and the weeks alternate from then on.
There are no collections on Saturdays or Sundays.</p>
<h3>Bank holidays</h3>
<p>After a bank holiday, collections for the rest of that week are one day later than normal. For example, after Easter Monday, a Monday collection
takes place on Tuesday and a Friday collection takes place on Saturday. There is no change for bank holidays in August.
Over Christmas, collections due on 25 December move to 27 December and collections due on 1 January move to 3 January.</p>

<h2>Bulky waste collection</h2>
<p>We collect large household items such as furniture, mattresses and white goods. Book online at least 5 working days before you want the collection.</p>
<table>
<thead><tr><th>Service</th><th>Price</th></tr></thead>
<tbody>
<tr><td>Up to 3 items</td><td>£35</td></tr>
<tr><td>Each extra item (up to 6 items in total)</td><td>£10</td></tr>
<tr><td>Fridge or freezer</td><td>£25 each</td></tr>
<tr><td>Sofa bed or three-piece suite</td><td>£45</td></tr>
</tbody>
</table>
<p>If you receive Council Tax Reduction, you get a 50% discount on bulky waste charges. Items must be left outside your property by 7am on the collection day.
We cannot collect building rubble, car parts, gas bottles or asbestos. Cancellations made at least 2 working days before the collection are refunded in full.</p>

<h2>Household Waste Recycling Centre</h2>
<p>The Household Waste Recycling Centre is on Mill Lane, Eastbrook, EB4 7QT. It is open 8am to 6pm from 1 April to 30 September,
and 8am to 4pm from 1 October to 31 March. It is closed on 25 and 26 December and 1 January. Vans and trailers need a permit, which is free
and allows 12 visits a year. DIY waste such as plasterboard is charged at £5 per bag.</p>

<h2>Frequently asked questions</h2>
<h3>My bin was not collected. What should I do?</h3>
<p>Report a missed collection online within 2 working days of your collection day. We will return to empty it within 3 working days.
Please check first that your bin was out by 6:30am and that it did not contain the wrong items.</p>
<h3>How do I get a new or replacement bin?</h3>
<p>Blue bins, black boxes and food caddies are free. A replacement grey bin costs £25, including delivery. New homes pay £60 for a full set of bins.</p>
<h3>Can I put out extra recycling?</h3>
<p>Yes. Extra cardboard can be flattened and left beside your blue bin on collection day. Extra glass can go in a second black box, which is free.</p>
<h3>What happens to my recycling?</h3>
<p>Mixed recycling is sorted at the Longmoor materials recovery facility. Food waste goes to an anaerobic digestion plant near Harwell, where it is turned into electricity and fertiliser.</p>
<h3>I need help putting my bins out. Can you help?</h3>
<p>If nobody in your household can move the bins because of age, disability or illness, you can apply for an assisted collection. Our crew will collect the bins from your property and return them.</p>
</article>
</main>
<aside><h2>Recommended for you</h2><ul><li><a href="/council-tax/pay">Pay your council tax</a></li><li><a href="/parking/permits">Apply for a parking permit</a></li></ul></aside>
<footer><p>&copy; 2025 Eastbrook District Council. Council Offices, High Street, Eastbrook EB1 1AA. Telephone 01632 960 400.</p>
<a href="/accessibility">Accessibility statement</a> <a href="/privacy">Privacy</a></footer>
</body></html>
""",
    "curlew_cottage_welcome.md": """# Welcome to Curlew Cottage

Hello and welcome! We're Jenny and Tom Trevithick, and we hope you have a lovely stay in Porthallow.
This guide should answer most questions; if anything isn't right, please call or text us.

## Arriving and leaving

- Check-in is from 4pm. If you'd like to arrive earlier, ask us a few days before; we can often manage 2pm.
- Check-out is by 10am on your day of departure.
- The key safe is to the left of the front door. The code is **4127**. Please put the keys back in the key safe when you leave and scramble the code.
- There is parking for two cars on the gravel drive. Please don't park in the lane, as the farm tractors need to get past.

## Wifi and TV

The wifi network is **Curlew-Guest** and the password is **SeaThrift2024** (capital S and T). The router is in the sitting room cupboard; if the wifi drops, switch it off at the wall, wait 30 seconds and switch it back on.
Mobile signal is poor inside the cottage: EE and Vodafone work best at the bottom of the garden.
The TV has Freeview and a Netflix app; please sign out of your own accounts before you leave.

## Heating and hot water

The cottage has oil-fired central heating. The thermostat is in the hallway, next to the stairs, and is set to 19°C; please don't set it above 22°C.
Hot water comes on automatically from 6am to 9am and from 5pm to 10pm. For extra hot water, press the **Boost** button on the white programmer in the airing cupboard; it runs for one hour.

### Wood burner

One basket of logs and a bag of kindling are provided free. Extra baskets are £8 each from the Trelan Farm Shop, or leave cash in the honesty tin in the log store.
Always use the fireguard and never leave the fire burning when you go out or go to bed. Empty ash into the metal bucket by the back door, never into the bins.

## Bins and recycling

Bins are collected on **Thursday morning**. Please take the black sack and the recycling box to the end of the lane on Wednesday evening.
Recycling goes in the clear bags in the box under the sink: paper, cans, plastic bottles and glass together. Food waste goes in the small green caddy.
If your stay ends before Thursday, just leave the bins tidy in the store by the gate and we'll deal with them.

## Pets

Well-behaved dogs are welcome, up to two per stay, at £25 per dog. Please keep dogs off the beds and the sofas, and don't leave them alone in the cottage for more than three hours.
There are poo bags in the kitchen drawer. The beach at Porthallow allows dogs all year round.

## Local shops and places to eat

| Place | What | Opening hours | Distance |
|---|---|---|---|
| Porthallow Stores | Village shop, papers, bread, post office counter | Mon-Sat 8am-6pm, Sun 9am-1pm | 5 minutes' walk |
| Trelan Farm Shop | Meat, vegetables, eggs, logs | Tue-Sun 9am-5pm, closed Mondays | 1 mile |
| Co-op, St Keverne | Supermarket | Every day 7am-10pm | 3 miles |
| Tesco Extra, Helston | Large supermarket, fuel | Mon-Sat 6am-midnight, Sun 10am-4pm | 10 miles |
| The Five Pilchards | Pub on the beach, food 12-2:30pm and 6-9pm | Every day from 11am | 5 minutes' walk |

The fish and chip van visits the village car park every Friday from 5pm to 8pm. Booking a table at The Five Pilchards is a good idea in August.

## Useful things to know

- The stopcock for the water is under the kitchen sink.
- The fuse box is in the cupboard under the stairs.
- A first aid kit is in the kitchen drawer next to the cooker, and a fire blanket is on the wall beside the cooker.
- Spare light bulbs, batteries and a torch are in the hall cupboard.
- The washing machine is in the utility room; washing powder is provided. There is no tumble dryer, but there is a washing line in the garden.

## Emergency and useful numbers

- Emergencies (police, fire, ambulance, coastguard): **999**
- Non-urgent medical advice: NHS **111**
- Minor Injuries Unit: Helston Community Hospital, open 8am to 10pm every day, 10 miles
- Nearest A&E: Royal Cornwall Hospital, Truro, 27 miles
- Doctor: St Keverne Health Centre, 01326 280 000 (temporary residents welcome)
- Jenny (owner): 07700 900418
- Mark Polglase (caretaker, for anything broken): 07700 900733
- Heating oil supplier (if the boiler shows a red light): Cornwall Fuels, 01209 555 612

Have a wonderful holiday!
""",
    "tidewater_release_notes.md": """# Tidewater Notes - Release notes

Tidewater Notes is a note-taking app for Windows, macOS, iOS and Android. This page lists the changes in each release, newest first.

## 4.3.0 - 12 March 2025

### New
- Handwriting search: text in handwritten notes on iPad is now searchable.
- Shared notebooks can now have up to 50 members (was 20).
- Dark mode follows the system setting on Windows 11.

### Fixed
- The app no longer freezes when pasting a table with more than 500 rows.
- Reminders set for the last day of the month now fire at the right time.
- Fixed a crash on Android when rotating the screen while recording audio.

### Known issues
- On Android 14, the home-screen widget does not update until the app is opened. A fix is planned for 4.3.1.
- Sync with Dropbox fails for attachments larger than 2 GB. Use Tidewater Cloud for large files in the meantime.

## 4.2.2 - 20 February 2025

### Security
- Fixed a vulnerability (CVE-2025-21877) that could allow a malicious shared link to read local files. All users should update.

### Fixed
- Exporting to Word now keeps numbered lists.

## 4.2.1 - 3 February 2025

### Fixed
- Fixed a crash when exporting a note with images larger than 20 MB to PDF.
- Tags with accented characters (for example "café") are sorted correctly.
- The "Move to notebook" dialog now remembers the last notebook used.

## 4.2.0 - 14 January 2025

### New
- Templates: choose from 12 built-in templates or save your own.
- Offline mode on iOS now keeps the last 30 days of notes available (was 7 days).
- New keyboard shortcut Ctrl+Shift+K (Cmd+Shift+K on macOS) to insert a checklist.

### Changed
- The free plan now includes 2 GB of storage (was 1 GB). The Pro plan stays at 100 GB for £4.99 a month.

### Known issues
- Templates created on macOS may lose their background colour on Windows. Fixed in 4.2.1.

## 4.1.0 - 2 December 2024

### New
- Web clipper extension for Firefox (Chrome and Edge were already supported).
- Audio notes can be transcribed in English, French, German and Spanish.

### Fixed
- Search results now include text inside PDF attachments up to 200 pages.

## 4.0.0 - 28 October 2024

### Breaking changes
- Windows 8.1 and macOS 11 are no longer supported. Tidewater Notes 4 needs Windows 10 or later, or macOS 12 Monterey or later.
- The old .tnx backup format can still be imported, but can no longer be created. Import of .tnx files will be removed in version 5.0.

### New
- A redesigned editor with slash commands: type / to insert headings, tables, checklists and images.
- End-to-end encryption for notebooks marked as private, available on the Pro plan.

## Support

Versions older than 4.0 stopped receiving security updates on 31 December 2024. To report a bug, email support@tidewaternotes.com with your version number (Help > About).
""",
}

# The PDF manual as (kind, text) paragraphs: the "title" in 24-point bold type, a "heading" in 18-point and a
# "subheading" in 13-point bold, "body" and "item" (a bullet point) in 10-point type; a "table" one names its
# table in MANUAL_TABLES.
MANUAL: list[tuple[str, str]] = [
    ("title", "Arden Kestrel\nOwner's Manual (excerpt)"),
    ("body", "Covers the Kestrel 1.5 Petrol and the Kestrel 2.0 Hybrid, model years 2023 to 2025. Read this manual together with the Service and Warranty Booklet supplied with your car. Where a section applies to one version only, this is stated at the start of the section."),
    ("heading", "1. Warning and indicator lights"),
    ("body", "Some warning lights come on briefly when you switch on the ignition as a bulb check. If a light stays on after the engine has started, or comes on while you are driving, act as described below."),
    ("subheading", "Red warning lights"),
    ("item", "Oil pressure (oil can symbol): stop the car as soon as it is safe to do so and switch off the engine. Check the oil level. Do not drive on until the cause has been found, as serious engine damage can result."),
    ("item", "Brake system (exclamation mark in a circle): the brake fluid level is low or there is a fault in the brake system. Stop safely and contact an Arden dealer. If the light comes on with the parking brake released, do not continue."),
    ("item", "Coolant temperature (thermometer in waves): the engine is overheating. Stop, let the engine idle for two minutes, then switch off. Never open the coolant reservoir cap while the engine is hot."),
    ("item", "Battery charge (battery symbol): the 12-volt battery is not being charged. You can continue to the nearest dealer, but switch off electrical equipment you do not need."),
    ("item", "Airbag (seated passenger with ball): there is a fault in the airbag or seat-belt pretensioner system. Have it checked by a dealer without delay."),
    ("subheading", "Amber warning lights"),
    ("item", "Engine management (engine outline): a fault in the emission control system. The car can be driven, but have it checked within the next 100 km. If the light flashes, reduce speed, as the catalytic converter may be damaged."),
    ("item", "Tyre pressure monitoring (horseshoe with exclamation mark): one or more tyres is at least 20% below the set pressure. Check and correct the pressures, then reset the system from the Vehicle menu."),
    ("item", "ABS (letters ABS in a circle): the anti-lock function is not working; the normal brakes still work."),
    ("item", "Hybrid system (2.0 Hybrid only, car symbol with exclamation mark): a fault in the hybrid drive. The car may switch to reduced power. Contact a dealer."),
    ("item", "Low fuel (fuel pump): about 50 km of driving range remains."),
    ("heading", "2. Tyres and wheels"),
    ("subheading", "Tyre pressures"),
    ("body", "Check tyre pressures at least once a month and before a long journey, with the tyres cold (driven less than 3 km). The pressures below are also printed on the label inside the driver's door pillar. Pressures are given in bar with psi in brackets."),
    ("table", "tyre pressures"),
    ("body", "The temporary spare wheel (space saver), where fitted, must be inflated to 4.2 bar (60 psi). Do not drive faster than 80 km/h (50 mph) on the space saver and replace it with a standard wheel as soon as possible."),
    ("subheading", "Tread depth and tyre repair kit"),
    ("body", "The legal minimum tread depth is 1.6 mm across the central three-quarters of the tread. Arden recommends replacing tyres when the tread reaches 3 mm, as wet grip falls sharply below this depth. Cars without a spare wheel carry a tyre repair kit under the boot floor. After using the sealant, drive no faster than 80 km/h and no further than 200 km, and have the tyre replaced. The sealant bottle has a shelf life of four years; the expiry date is printed on the label."),
    ("heading", "3. Maintenance schedule"),
    ("body", "Service intervals depend on whichever comes first, distance or time. Cars used mainly for short trips, towing, taxi work or in dusty conditions need the severe-use schedule: halve the oil change interval."),
    ("table", "service schedule"),
    ("subheading", "Engine oil"),
    ("body", "Use only oils meeting the ACEA C5 specification. The Kestrel 1.5 Petrol takes SAE 5W-30 and holds 4.0 litres with the filter changed; the Kestrel 2.0 Hybrid takes SAE 0W-20 and holds 4.4 litres. Check the oil level every 1,000 km or before a long journey, with the car on level ground and the engine off for at least five minutes. Between the MIN and MAX marks on the dipstick is about 1 litre."),
    ("heading", "4. Fuel, capacities and towing"),
    ("table", "capacities"),
    ("body", "Never put diesel in a Kestrel. If you have filled the tank with the wrong fuel, do not switch on the ignition: call Arden Assistance on 0800 555 0199, available 24 hours a day."),
    ("heading", "5. Jump starting"),
    ("body", "The Kestrel 1.5 Petrol can be jump started from another car's battery or a booster pack. Connect the red lead to the positive terminal of the flat battery first, then to the positive terminal of the booster battery. Connect the black lead to the booster battery's negative terminal and then to the earthing point on the engine bracket, never directly to the flat battery. The Kestrel 2.0 Hybrid must not be used to jump start another vehicle; its 12-volt battery is in the boot, under the left-hand side panel, and a jump-start terminal is provided in the engine compartment fuse box."),
    ("heading", "6. Warranty"),
    ("body", "New Kestrel cars carry a 5-year or 100,000 km manufacturer warranty, whichever comes first. The high-voltage hybrid battery of the 2.0 Hybrid is covered for 8 years or 160,000 km, provided the annual hybrid health check has been carried out. Paintwork is covered for 3 years and body perforation by corrosion for 12 years."),
]  # fmt: skip

# The manual's ruled tables by name: (column widths in mm, rows), the first row the header (in bold).
MANUAL_TABLES: dict[str, tuple[tuple[int, ...], list[tuple[str, ...]]]] = {
    "tyre pressures": ((26, 22, 24, 24, 24, 24), [
        ("Version", "Tyre size", "Front, normal load", "Rear, normal load", "Front, full load", "Rear, full load"),
        ("Kestrel 1.5 Petrol", "195/65 R15", "2.3 bar (33 psi)", "2.1 bar (30 psi)", "2.5 bar (36 psi)", "2.9 bar (42 psi)"),
        ("Kestrel 1.5 Petrol", "205/55 R16", "2.4 bar (35 psi)", "2.2 bar (32 psi)", "2.6 bar (38 psi)", "3.0 bar (44 psi)"),
        ("Kestrel 2.0 Hybrid", "205/55 R16", "2.5 bar (36 psi)", "2.4 bar (35 psi)", "2.7 bar (39 psi)", "3.1 bar (45 psi)"),
        ("Kestrel 2.0 Hybrid", "225/45 R17", "2.6 bar (38 psi)", "2.5 bar (36 psi)", "2.8 bar (41 psi)", "3.2 bar (46 psi)"),
    ]),
    "service schedule": ((50, 58, 62), [
        ("Item", "Kestrel 1.5 Petrol", "Kestrel 2.0 Hybrid"),
        ("Engine oil and oil filter", "Every 15,000 km or 12 months", "Every 15,000 km or 12 months"),
        ("Pollen (cabin) filter", "Every 30,000 km or 24 months", "Every 30,000 km or 24 months"),
        ("Engine air filter", "Every 60,000 km or 4 years", "Every 60,000 km or 4 years"),
        ("Brake fluid", "Every 2 years, regardless of distance", "Every 2 years, regardless of distance"),
        ("Spark plugs", "Every 60,000 km or 6 years", "Every 100,000 km or 8 years"),
        ("Timing belt", "Every 120,000 km or 6 years", "Not applicable (timing chain, no scheduled replacement)"),
        ("Engine coolant", "First at 160,000 km or 10 years, then every 80,000 km", "First at 160,000 km or 10 years, then every 80,000 km"),
        ("Hybrid battery health check", "Not applicable", "Every 12 months at the annual service"),
    ]),
    "capacities": ((56, 57, 57), [
        ("Specification", "Kestrel 1.5 Petrol", "Kestrel 2.0 Hybrid"),
        ("Fuel tank capacity", "50 litres", "43 litres"),
        ("Fuel", "Unleaded, minimum 95 RON (E10 suitable)", "Unleaded, minimum 95 RON (E10 suitable)"),
        ("Maximum braked trailer weight", "1,200 kg", "750 kg"),
        ("Maximum unbraked trailer weight", "600 kg", "600 kg"),
        ("Maximum towbar nose weight", "75 kg", "75 kg"),
        ("Maximum roof load", "75 kg", "75 kg"),
        ("Washer fluid reservoir", "3.5 litres", "3.5 litres"),
    ]),
}  # fmt: skip

# The running header of the manual's pages after the first (each page has its number in the footer).
MANUAL_HEADER = "Arden Kestrel Owner's Manual - Edition 2024/2"

# The Word policy as (style, text) paragraphs, a "Normal" one written with no style set; the "Table Grid" one
# stands for ALLOWANCES. Both "List Number" lists share the style's numbering, so the second goes on from 7.
TRAVEL_POLICY: list[tuple[str, str]] = [
    ("Title", "Harbourline Logistics Ltd - Travel and Expenses Policy"),
    ("Normal", "Version 3.2. Effective from 1 April 2025. Owner: Priya Natarajan, Head of Finance. Questions about this policy: expenses@harbourline.co.uk"),
    ("Heading 1", "1. Purpose and scope"),
    ("Normal", "This policy applies to all employees, contractors and interns who travel on company business. It sets out how to book travel, what the company will pay for and how to claim it back. Travel that does not follow this policy may not be reimbursed."),
    ("Heading 1", "2. Booking travel"),
    ("Normal", "The following rules apply to every business trip:"),
    ("List Number", "All flights, trains and hotels must be booked through the Clarity Travel portal, at least 14 days before departure where possible."),
    ("List Number", "Rail travel is in standard class. First class is allowed only for journeys of more than 3 hours each way."),
    ("List Number", "Flights of less than 6 hours are booked in economy. Flights of 6 hours or more may be booked in premium economy."),
    ("List Number", "Business class requires written approval from the Chief Financial Officer before booking."),
    ("List Number", "Use of a private car is paid at 45p per mile for the first 10,000 business miles in a tax year and 25p per mile after that."),
    ("List Number", "Taxis may be used only where there is no reasonable public transport, when carrying heavy equipment, or for journeys after 22:00."),
    ("Heading 1", "3. Hotels and daily allowances"),
    ("Normal", "Hotel rates must not exceed the nightly cap for the destination, including breakfast where available. The daily meal allowance covers breakfast (if not included), lunch, dinner and soft drinks. On the days of outbound and return travel, 75% of the daily meal allowance applies."),
    ("Table Grid", ""),
    ("Normal", "For cities not listed, use the allowance for the nearest listed city in the same country, or ask the Finance team for a rate before you travel."),
    ("Heading 1", "4. Claiming expenses"),
    ("List Number", "Submit claims in SpendWise within 30 days of the expense being incurred."),
    ("List Number", "Attach an itemised receipt for every expense over £10. A card slip alone is not a receipt."),
    ("List Number", "Claims submitted more than 90 days after the expense will be rejected."),
    ("List Number", "Claims approved by your line manager by the 20th of the month are paid with that month's salary."),
    ("List Number", "Foreign currency expenses are converted at the rate on your card statement, or at the SpendWise rate for cash."),
    ("Heading 1", "5. What the company will not pay for"),
    ("List Bullet", "Alcohol, except as part of approved client entertainment."),
    ("List Bullet", "Hotel minibar items, in-room films and laundry for trips of less than five nights."),
    ("List Bullet", "Parking fines, speeding fines and congestion charge penalties."),
    ("List Bullet", "Seat upgrades, airport lounge access and excess baggage for personal items."),
    ("List Bullet", "Travel insurance bought separately, as employees are covered by the company policy (policy number HL-TRV-20931)."),
    ("Heading 1", "6. Client entertainment"),
    ("Normal", "Client entertainment is limited to £60 per person, including drinks and service. Any event costing more than £500 in total must be approved in advance by a director. List the names and companies of all guests on the claim."),
    ("Heading 1", "7. Corporate cards"),
    ("Normal", "Employees who travel more than four times a year may apply for a Harbourline corporate card. The standard monthly limit is £3,000. The card must not be used for personal spending; any personal item charged by mistake must be repaid within 7 days. A lost or stolen card must be reported to the card provider on 0345 600 2290 immediately, and to Finance the next working day."),
    ("Heading 1", "8. Per diems for long assignments"),
    ("Normal", "For assignments of more than 28 consecutive days in one place, the hotel cap is replaced by a serviced apartment budget agreed with Finance, and the daily meal allowance is reduced by 20% from day 29."),
]  # fmt: skip

# The policy's table of hotel caps and meal allowances, its first row the header (in bold).
ALLOWANCES: list[tuple[str, str, str, str]] = [
    ("Country", "City", "Hotel cap per night", "Daily meal allowance"),
    ("United Kingdom", "London", "£180", "£45"),
    ("United Kingdom", "Manchester", "£120", "£35"),
    ("United Kingdom", "Edinburgh", "£130", "£35"),
    ("United Kingdom", "Elsewhere in the UK", "£100", "£30"),
    ("France", "Paris", "€210", "€60"),
    ("France", "Lyon", "€150", "€50"),
    ("Germany", "Frankfurt", "€170", "€55"),
    ("Germany", "Hamburg", "€160", "€50"),
    ("United States", "New York", "$320", "$85"),
    ("United States", "Chicago", "$260", "$75"),
    ("Singapore", "Singapore", "S$300", "S$90"),
]

# The policy's page footer.
POLICY_FOOTER = "Harbourline Logistics Ltd - Internal - Travel and Expenses Policy v3.2"

# The PowerPoint deck as (layout, title, lines, speaker notes) slides: the "title" slide's lines are its
# subtitle, a "points" slide's its bullet points (one starting with two spaces a sub-point), and the "table"
# slide has TIMELINE under its title.
KICKOFF: list[tuple[str, str, tuple[str, ...], str]] = [
    ("title", "Project Lighthouse", ("Customer portal replacement - kickoff meeting", "9 June 2025, Bristol office, Room 4.02"),
     "Welcome everyone. Introduce myself: Dana Okafor, programme manager. The meeting is recorded for people who could not attend."),
    ("points", "Why we are doing this", (
        "The current customer portal (MyHarbour) was built in 2014 and runs on an unsupported framework",
        "38% of support calls are about things customers could do online",
        "Portal login failures rose to 4.1% of attempts in Q1 2025",
        "Vendor support for the hosting platform ends on 31 March 2026",
    ), "Stress the hard deadline: after 31 March 2026 we get no security patches for the hosting platform. Support calls cost us about £6.20 each."),
    ("points", "Goals and success measures", (
        "Launch the new portal to all customers by 2 March 2026",
        "Cut portal-related support calls by 30% within six months of launch",
        "Customer satisfaction score (CSAT) of at least 4.2 out of 5",
        "Page load under 2 seconds for 95% of requests",
        "Accessibility: WCAG 2.2 AA",
    ), "The board signed off these measures on 21 May. CSAT today is 3.4."),
    ("points", "Scope", (
        "In scope",
        "  Account management, invoices and payments",
        "  Shipment tracking and delivery booking",
        "  Single sign-on with the mobile app",
        "Out of scope",
        "  The mobile app itself (separate project, Beacon)",
        "  Migration of invoices older than 7 years",
    ), "Live chat was discussed and is deliberately out of scope for phase one; it may come in phase two."),
    ("points", "Team and roles", (
        "Sponsor: Marcus Hale, Chief Customer Officer",
        "Programme manager: Dana Okafor",
        "Product owner: Li Wei",
        "Tech lead: Sanjay Mehta",
        "Delivery partner: Northwind Digital (8 developers, 2 testers)",
    ), "Li Wei is the single decision-maker on backlog priorities. Escalations go to Dana first, then Marcus."),
    ("table", "Timeline", (),
     "There is a code freeze from 15 December 2025 to 5 January 2026 over the holidays. The pilot customers will be chosen from the customer panel."),
    ("points", "Budget", (
        "Total budget: £1.45 million",
        "Delivery partner: £920,000",
        "Licences and hosting (first year): £210,000",
        "Internal staff backfill: £180,000",
        "Contingency: £140,000",
    ), "Contingency is just under 10%. Any spend from contingency above £25,000 needs sponsor approval."),
    ("points", "Key risks", (
        "Data migration from MyHarbour takes longer than planned",
        "  Mitigation: trial migration in August",
        "Key people unavailable over the summer",
        "  Mitigation: holiday plan agreed by 20 June",
        "Payment provider integration delays",
        "  Mitigation: early contract with PayStream",
    ), "The biggest risk is data quality: about 12,000 customer records have duplicate email addresses."),
    ("points", "Ways of working", (
        "Two-week sprints, starting on Wednesdays",
        "Daily stand-up at 9:30 on Teams, 15 minutes",
        "Sprint review every second Tuesday at 14:00",
        "Steering group monthly, first Thursday of the month",
        "Documents in the Lighthouse SharePoint site; tasks in Jira project LH",
    ), ""),
    ("points", "Next steps", (
        "Confirm discovery interview list by 13 June",
        "Northwind Digital onboarding and laptops by 16 June",
        "First steering group on 3 July",
        "Questions to dana.okafor@harbourline.co.uk",
    ), "Thank everyone. Remind them that the kickoff survey closes on Friday 13 June."),
]  # fmt: skip

# The deck's timeline table, its first row the header.
TIMELINE: list[tuple[str, str, str, str]] = [
    ("Phase", "Start", "End", "Owner"),
    ("Discovery", "9 June 2025", "18 July 2025", "Li Wei"),
    ("Design", "21 July 2025", "29 August 2025", "Li Wei"),
    ("Build", "1 September 2025", "16 January 2026", "Sanjay Mehta"),
    ("Testing and UAT", "19 January 2026", "20 February 2026", "Sanjay Mehta"),
    ("Pilot with 500 customers", "23 February 2026", "27 February 2026", "Dana Okafor"),
    ("Launch", "2 March 2026", "2 March 2026", "Dana Okafor"),
]

# (question, fragments of which one must be in the first passage; a tuple of fragments, all of which must be), or
# None for a near-miss, which must be refused.
QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    # The car manual (.pdf): warning lights in bullet lists, ruled tables for two versions and four tyre sizes.
    ("What should I do if the red oil light comes on while I'm driving?", ("stop the car as soon as it is safe", "Do not drive on until the cause has been found")),
    ("What pressure should the front tyres be on the hybrid with 17 inch wheels?", ("Front, normal load: 2.6 bar",)),
    ("How much air goes in the spare wheel?", ("4.2 bar",)),
    ("How often does the oil need changing?", ("Every 15,000 km or 12 months",)),
    ("When does the cambelt need replacing on the petrol one?", ("Every 120,000 km or 6 years",)),
    ("What kind of oil does the hybrid take?", ("0W-20",)),
    ("How many litres does the petrol 1.5's tank hold?", ("50 litres",)),
    ("How heavy a caravan can the petrol Kestrel pull?", ("1,200 kg",)),
    ("What's the legal minimum tread on a tyre?", ("1.6 mm",)),
    ("What does it mean if the engine light is flashing?", ("catalytic converter may be damaged",)),
    ("How long is the hybrid battery guaranteed for?", ("covered for 8 years",)),
    ("Where is the 12V battery on the hybrid?", ("12-volt battery is in the boot",)),
    ("How often should the brake fluid be replaced?", ("Every 2 years, regardless of distance",)),
    ("What's the front tyre pressure on the 1.5 petrol with 195/65 R15 tyres?", ("Front, normal load: 2.3 bar",)),
    ("How big is the fuel tank on the petrol model?", ("50 litres",)),
    ("What oil does the petrol engine take?", ("5W-30",)),
    ("What's the tyre pressure for the Kestrel 1.6 diesel?", None),
    ("How much does a Kestrel service cost at the dealer?", None),
    ("What's the towing limit for the Kestrel estate?", None),
    # The travel policy (.docx): numbered rules, a table of hotel caps and meal allowances for eleven cities.
    ("How much can I spend on a hotel in Manchester per night?", ("Hotel cap per night: £120",)),
    ("What's the daily food allowance in Paris?", ("Daily meal allowance: €60",)),
    ("Am I allowed to travel first class on the train?", ("First class is allowed only for journeys of more than 3 hours",)),
    ("What's the mileage rate if I use my own car?", ("45p per mile",)),
    ("How long do I have to put in an expense claim?", ("within 30 days",)),
    ("Do I need a receipt for a £7 coffee?", ("every expense over £10",)),
    ("Can I fly business class on a long-haul trip?", ("approval from the Chief Financial Officer", "may be booked in premium economy")),
    ("How much can I spend per head when I take clients out to dinner?", ("£60 per person",)),
    ("What's the limit on the company credit card?", ("£3,000",)),
    ("Can I claim for a beer at the hotel bar?", ("Alcohol, except as part of approved client entertainment",)),
    ("When will I get my expenses paid back?", ("paid with that month's salary",)),
    ("What's the hotel limit in New York?", ("$320",)),
    ("How much of the meal allowance do I get on the day I fly out?", ("75% of the daily meal allowance",)),
    ("What's the hotel cap in Frankfurt?", ("€170",)),
    ("What's the meal allowance in London?", ("Daily meal allowance: £45",)),
    ("What's the hotel allowance in Tokyo?", ("For cities not listed",)),
    ("What's the mileage rate for using a motorbike?", None),
    # The council's bins page (.html): collection days and bulky-waste prices in tables, FAQ questions as headings.
    ("Which day are bins collected in Southgate?", (("Southgate", "Collection day: Wednesday"),)),
    ("Can I put glass in the blue recycling bin?", ("glass in the blue bin", "Glass bottles and jars")),
    ("How much does the garden waste bin cost a year?", ("£48 a year",)),
    ("How much to get rid of an old fridge?", ("£25 each",)),
    ("What time do I have to put my bin out?", ("Put your bins out by 6:30am",)),
    ("What are the tip's opening hours in winter?", ("8am to 4pm",)),
    ("Can tea bags go in the food caddy?", ("tea bags and coffee grounds",)),
    ("My bins weren't emptied, what do I do?", ("Report a missed collection",)),
    ("How much is a new grey bin?", ("replacement grey bin costs £25",)),
    ("How thick can branches be for the garden waste?", ("up to 10 cm thick",)),
    ("Is there a discount on bulky waste if I get council tax reduction?", ("50% discount",)),
    ("If my collection day falls on Christmas Day when will they come?", ("move to 27 December",)),
    ("Which day are the bins collected in Northfield?", ("Collection day: Monday",)),
    ("How much does it cost to have bulky items collected?", ("Up to 3 items",)),
    ("Which day are bins collected in Westfield?", None),
    ("How much does a replacement green bin cost?", None),
    ("Does the council collect needles and sharps?", None),
    # The cottage's welcome guide (.md): bold codes and times, lists, a table of shops.
    ("What's the wifi password?", ("SeaThrift2024",)),
    ("What time do we have to be out on the last day?", ("Check-out is by 10am",)),
    ("What's the code for the key box?", ("4127",)),
    ("When is bin day at the cottage?", ("Bins are collected on Thursday morning", "on Wednesday evening")),
    ("How do I get more hot water?", ("Boost",)),
    ("Can we bring the dog?", ("dogs are welcome",)),
    ("Where's the nearest hospital with an A&E?", ("Royal Cornwall Hospital, Truro",)),
    ("What time does the village shop open on a Sunday?", ("Sun 9am-1pm",)),
    ("How much are extra logs for the fire?", ("£8 each",)),
    ("Who do I ring if something breaks?", ("07700 900733",)),
    ("When does the fish and chip van come?", ("every Friday from 5pm to 8pm",)),
    ("When does the Trelan farm shop open?", ("Tue-Sun 9am-5pm",)),
    ("What time is check-in at the cottage?", ("Check-in is from 4pm",)),
    ("Is there a hot tub at the cottage?", None),
    ("What's the wifi password at the Five Pilchards pub?", None),
    # The release notes (.md): each release's date only in its version heading, New/Fixed/Known issues under it.
    ("When did 4.2.1 come out?", ("3 February 2025",)),
    ("Which version fixed the crash when exporting PDFs with big pictures?", ("images larger than 20 MB",)),
    ("Does it still run on Windows 8?", ("no longer supported", "Windows 10 or later")),
    ("How much storage do you get on the free plan?", ("2 GB of storage",)),
    ("What's wrong with the Android widget?", ("widget does not update",)),
    ("How many people can share a notebook?", ("up to 50 members",)),
    ("How much does Pro cost?", ("£4.99 a month",)),
    ("What security hole was fixed in February?", ("CVE-2025-21877",)),
    ("What's the keyboard shortcut for adding a checklist?", ("Ctrl+Shift+K",)),
    ("When was version 4.2.0 released?", ("14 January 2025",)),
    ("Does Tidewater Notes run on Linux?", ("Windows, macOS, iOS and Android",)),
    ("When was version 3.9 released?", None),
    # The kickoff deck (.pptx): points and sub-points, a timeline table, speaker notes.
    ("When is the new portal going live?", ("2 March 2026",)),
    ("Who is the product owner?", ("Product owner: Li Wei",)),
    ("What's the total budget for Lighthouse?", ("£1.45 million",)),
    ("When does the build phase finish?", ("16 January 2026",)),
    ("When is the code freeze?", ("code freeze from 15 December 2025",)),
    ("Is live chat part of the project?", ("deliberately out of scope",)),
    ("What's the biggest risk to the project?", ("duplicate email addresses", "Data migration from MyHarbour", "data quality")),
    ("What customer satisfaction score are they aiming for?", ("at least 4.2 out of 5",)),
    ("When does the discovery phase start?", (("Discovery", "9 June 2025"),)),
    ("Who is sponsoring Project Lighthouse?", ("Marcus Hale",)),
    ("Who is the QA lead on Lighthouse?", None),
    # Off-topic: nothing in the folder answers them.
    ("What's the capital of Australia?", None),
    ("How do I make a sourdough starter?", None),
    ("Who won the 2018 World Cup?", None),
    ("At what temperature does water boil at the top of Everest?", None),
    ("Can you recommend a good film for tonight?", None),
    ("How many moons does Jupiter have?", None),
]  # fmt: skip


def write_documents(folder: Path) -> None:
    """The six documents in `folder`: the text files of DOCUMENTS, the PDF manual, the Word policy and the
    PowerPoint deck."""
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    _write_manual(folder / "kestrel_owners_manual.pdf")
    _write_travel_policy(folder / "travel_expenses_policy.docx")
    _write_kickoff(folder / "lighthouse_kickoff.pptx")


class _Manual(FPDF):
    """A PDF with MANUAL_HEADER at the top of each page after the first and the page number at the foot."""

    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "", 8)
            self.set_text_color(110)
            self.cell(0, 6, MANUAL_HEADER, align="L")
            self.ln(9)
            self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")
        self.set_text_color(0)


def _write_manual(path: Path) -> None:
    pdf = _Manual(format="A4")
    pdf.core_fonts_encoding = "cp1252"  # for the bullet, "\u2022"
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for kind, text in MANUAL:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 24)
            pdf.multi_cell(0, 12, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind in ("heading", "subheading"):
            pdf.ln(3 if kind == "heading" else 2)
            pdf.set_font("Helvetica", "B", 18 if kind == "heading" else 13)
            pdf.multi_cell(0, 9 if kind == "heading" else 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "table":
            widths, rows = MANUAL_TABLES[text]
            pdf.set_font("Helvetica", "", 9)
            with pdf.table(
                col_widths=widths, headings_style=FontFace(emphasis="BOLD"), line_height=5.5, text_align="LEFT"
            ) as table:
                for row in rows:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(3)
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, f"\u2022 {text}" if kind == "item" else text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5 if kind == "item" else 2)
    pdf.output(str(path))


def _write_travel_policy(path: Path) -> None:
    document = docx.Document()
    for style, text in TRAVEL_POLICY:
        if style == "Table Grid":
            add_table(document.add_table(rows=1, cols=len(ALLOWANCES[0]), style=style), ALLOWANCES, marked=True)
        else:
            document.add_paragraph(text, style=None if style == "Normal" else style)
    document.sections[0].footer.paragraphs[0].text = POLICY_FOOTER
    document.save(str(path))


def _write_kickoff(path: Path) -> None:
    write_deck(path, KICKOFF, TIMELINE, wide=True)

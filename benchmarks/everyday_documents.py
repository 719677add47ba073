"""The seventh folder of benchmarks/structured_documents.py: everyday documents of six kinds.

A product manual in Markdown with a specification table and a troubleshooting table, a travel
policy in Word with a table (its header row marked as one) and bullet lists, a museum visitor
page in HTML with a price table and FAQ questions as headings, software release notes in Markdown
whose dates are only in the version headings, a biography in plain text and a conference
programme in Excel with two sheets. The documents, 69 questions and 28 near-misses (20 about a
detail the documents do not have, 8 off-topic) were written by a helper agent asked to play a
first-time user (documents first, then questions in its own words, before seeing any answer;
2026-12-02); its follow-up questions, asked with a conversation before them, are left out. A
question is right when the first passage holds any one of its fragments. `write_documents`
writes the text files of DOCUMENTS and builds the .docx and .xlsx.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from benchmarks.word_tables import add_table

DOCUMENTS: dict[str, str] = {
    "aerobrew_manual.md": """# AeroBrew 450 Espresso Machine — User Manual

Thank you for choosing the AeroBrew 450. This manual covers setting up, using, cleaning and
troubleshooting your machine. Keep it somewhere handy.

## Safety

- Always place the machine on a flat, heat-resistant surface at least 10 cm from the wall.
- Never immerse the base, cord or plug in water.
- The steam wand and the group head get very hot during use; let them cool for 15 minutes before cleaning.
- Children under 8 years old must not use or clean the machine.

## Specifications

| Feature | Value |
|---|---|
| Pump pressure | 15 bar |
| Power | 1,450 W, 220–240 V |
| Water tank | 1.8 litres, removable |
| Bean hopper | 250 g |
| Weight | 7.2 kg |
| Dimensions (W × D × H) | 28 × 38 × 41 cm |
| Heat-up time | about 45 seconds |
| Auto-off | after 30 minutes of inactivity |

## Getting started

Before first use, rinse the water tank and fill it with fresh cold water up to the MAX line.
Do not use sparkling, mineral or distilled water, as these can damage the boiler or give flat-tasting coffee.

1. Plug in the machine and press the power button.
2. Wait until the cup light stops flashing; this takes about 45 seconds.
3. Place a large cup under the spout and press the hot water button to prime the system.
4. Run two cups of water through before making your first coffee.

## Making coffee

Choose the grind size with the dial on the side of the hopper: setting 1 is the finest and setting 9 the coarsest.
For espresso we recommend a setting between 3 and 5. A single shot uses about 9 g of coffee and a double about 18 g.

To froth milk, fill the jug no more than one third full with cold milk, dip the wand just below the surface and turn the steam knob anticlockwise.
Skimmed milk makes the most foam, while whole milk gives a creamier texture.

## Cleaning and descaling

Empty the drip tray and the grounds container every day.
The drip tray and the milk jug are dishwasher safe; the water tank and the portafilter are not.
Wipe the steam wand with a damp cloth straight after each use to stop milk drying on it.

The machine tells you when it needs descaling: the descale light turns orange.
In hard-water areas this is usually every 4 to 6 weeks, in soft-water areas every 3 months.
Use only AeroBrew DescaleMax liquid; vinegar can damage the seals and voids the warranty.
A descaling cycle takes about 25 minutes.

## Troubleshooting

| Problem | Likely cause | What to do |
|---|---|---|
| Coffee is too weak or watery | Grind too coarse or too little coffee | Choose a finer grind setting and use more coffee |
| Coffee runs out very slowly or not at all | Grind too fine or machine needs descaling | Choose a coarser setting; run a descaling cycle |
| No steam from the wand | Wand nozzle blocked by dried milk | Unscrew the nozzle and clean the hole with the pin supplied |
| Water leaks under the machine | Drip tray full or tank not seated | Empty the drip tray and push the tank firmly into place |
| All lights flash at once | Internal fault | Switch off, unplug for 10 minutes, then try again; if it persists, call service |

If the grinder makes a loud rattling noise, there may be a small stone among the beans.
Switch off immediately, empty the hopper and contact customer service.

## Warranty

The AeroBrew 450 comes with a 2-year warranty from the date of purchase, extended to 3 years if you register the machine online within 30 days.
The warranty covers faults in materials and workmanship.
It does not cover damage from limescale, dropping the machine, commercial use, or repairs by anyone other than an authorised service centre.
To make a claim, contact customer service on 0800 555 0199 (Monday to Friday, 8 am to 6 pm) with your proof of purchase and the serial number, which is printed under the drip tray.
""",
    "maritime_museum.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Plan your visit — Harbourside Maritime Museum</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/whats-on">What's on</a></li><li><a href="/shop">Shop</a></li><li><a href="/visit">Visit</a></li></ul></nav>
<main>
<article>
<h1>Plan your visit</h1>
<p>The Harbourside Maritime Museum tells the story of the port through ships, models, maps and the voices of the people who worked here. Most visitors spend around two and a half hours with us.</p>

<h2>Opening hours</h2>
<p>The museum is open every day from 10:00 to 17:00, with last entry at 16:15. On Thursdays we stay open late until 20:00. We are closed on 24, 25 and 26 December.</p>
<p>The historic steamship <em>Ellen Marsh</em>, moored outside the museum, is open from April to October only and closes an hour before the main building.</p>

<h2>Tickets and prices</h2>
<table>
<thead><tr><th>Ticket</th><th>Price</th><th>Notes</th></tr></thead>
<tbody>
<tr><td>Adult</td><td>£14.50</td><td>Includes the steamship when open</td></tr>
<tr><td>Concession</td><td>£11.00</td><td>Over 65s, students and jobseekers, with ID</td></tr>
<tr><td>Child (5–17)</td><td>£7.00</td><td>Must be accompanied by an adult</td></tr>
<tr><td>Under 5s</td><td>Free</td><td></td></tr>
<tr><td>Family</td><td>£38.00</td><td>Two adults and up to three children</td></tr>
</tbody>
</table>
<p>Tickets bought online are 10% cheaper than at the door. Every ticket works as an annual pass: keep your ticket and come back as often as you like for 12 months.</p>

<h2>Getting here</h2>
<p>We are on Quay Street, a 12-minute walk from Central Station. Bus lines 4 and 19 stop right outside at the "Maritime Museum" stop.</p>
<p>There is no car park at the museum. The nearest is the Harbour Gate multi-storey, 300 metres away, which charges £2.20 an hour. Bicycle racks are available by the main entrance.</p>

<h2>Accessibility</h2>
<p>All galleries in the main building are step-free and there are lifts to every floor. Wheelchairs can be borrowed free of charge from the front desk; we have four, and you can reserve one by phone.</p>
<p>Because of its narrow stairways, only the upper deck of the steamship is accessible to wheelchair users. Assistance dogs are welcome throughout the museum.</p>
<p>We hold relaxed openings for visitors with autism or sensory needs on the first Sunday of every month from 9:00 to 10:00, before the museum opens to everyone else.</p>

<h2>Facilities</h2>
<ul>
<li>The Galley Café on the ground floor serves hot food until 15:00 and drinks and cakes until closing.</li>
<li>Lockers for bags cost £1, which is returned when you collect your things.</li>
<li>Large suitcases and rucksacks cannot be taken into the galleries.</li>
<li>Baby changing facilities are on every floor.</li>
<li>The museum shop sells books, maps, model kits and gifts and is open to non-visitors.</li>
</ul>

<h2>Guided tours</h2>
<p>Free guided tours of the highlights leave from the atrium at 11:00 and 14:00 daily and last 45 minutes. No booking is needed, but numbers are limited to 20 people per tour.</p>
<p>Private tours for groups of 10 or more can be booked at least two weeks in advance and cost £6 per person on top of admission.</p>

<h2>Photography</h2>
<p>You are welcome to take photographs for personal use, but please do not use flash in the Maps and Charts gallery, where the light can damage old paper. Tripods and selfie sticks are not allowed.</p>

<h2>Frequently asked questions</h2>
<h3>Can I bring food into the museum?</h3>
<p>You can eat your own food in the picnic room on the lower ground floor, but not in the galleries.</p>
<h3>Is there Wi-Fi?</h3>
<p>Yes, free Wi-Fi is available throughout the main building. Connect to the network called HMM-Visitors.</p>
<h3>Can I leave and come back on the same day?</h3>
<p>Yes. Ask for a wristband at the exit and you can re-enter the same day.</p>
</article>
</main>
<footer><p>© Harbourside Maritime Museum Trust. Registered charity no. 1098765.</p><p>Subscribe to our newsletter</p></footer>
</body>
</html>
""",
    "tidewater_changelog.md": """# Tidewater CLI — Release notes

Tidewater is a command-line tool for syncing local folders with object storage.
This page lists the changes in each release, newest first.

## 3.2.0 — 14 March 2025

### Added

- New `--bandwidth-limit` option caps upload speed, for example `--bandwidth-limit 5M` for 5 megabytes per second.
- Support for Backblaze B2 as a storage provider.
- `tidewater doctor` checks your configuration, credentials and network and prints a short report.

### Changed

- Parallel uploads now default to 8 instead of 4.
- The progress bar shows the estimated time remaining.

### Fixed

- Files with emoji in their names no longer fail to upload on Windows.
- Resuming an interrupted sync no longer re-uploads files that were already complete.

## 3.1.1 — 2 February 2025

### Fixed

- A crash when the config file contained an empty `exclude` list.
- Timestamps were shown in UTC even when `--local-time` was set.

### Security

- Credentials are no longer written to the debug log. Users who shared debug logs from 3.1.0 should rotate their access keys.

## 3.1.0 — 9 January 2025

### Added

- The `watch` command keeps a folder in sync continuously and uploads changes within a few seconds.
- Exclude patterns can now be read from a `.tidewaterignore` file in the folder being synced.

### Deprecated

- The `--fast` flag is deprecated and will be removed in 4.0. Use `--checksum=none` instead.

## 3.0.0 — 20 November 2024

This is a major release with breaking changes. Read the upgrade notes before upgrading.

### Breaking changes

- Python 3.8 is no longer supported; Tidewater now needs Python 3.10 or newer.
- The config file moved from `~/.tidewater.ini` to `~/.config/tidewater/config.toml`, and its format changed from INI to TOML.
- The `push` and `pull` commands were merged into a single `sync` command with a `--direction` option.

### Upgrade notes

Run `tidewater migrate-config` once after upgrading; it converts your old INI file to TOML and keeps a backup copy named `.tidewater.ini.bak`.
Scripts that call `push` should be changed to `sync --direction up`, and scripts that call `pull` to `sync --direction down`.

### Removed

- Support for Amazon S3 signature version 2, which AWS no longer accepts.

## Support policy

Each minor release receives security fixes for 12 months after it comes out.
The 2.x series reached end of life on 31 December 2024 and gets no further updates.
Report bugs on the project's issue tracker; please include the output of `tidewater doctor`.
""",
    "margit_halvorsen.txt": """Margit Halvorsen: the engineer who bridged the fjords

Margit Halvorsen was born on 3 May 1887 in Ålesund, a fishing town on the west coast of Norway. Her father, Anders, ran a small boatyard, and she spent much of her childhood watching him draw hulls on sheets of brown paper. Her mother, Ingrid, taught at the town school and insisted that her daughter learn mathematics as well as her brothers did.

Education

In 1905 Halvorsen left home for Trondheim, hoping to study at the new technical college. Women were not yet admitted to its engineering courses, so she worked for three years as a draughtswoman at a railway office while taking private lessons in statics. When the Norwegian Institute of Technology opened in 1910, she was among the first four women to enrol, and she graduated in civil engineering in 1914 with the highest marks of her year.

Early career

Her first job was with the Norwegian Public Roads Administration, where she designed culverts and small road bridges in Møre og Romsdal. The work was modest, but it taught her how much the weather of the coast could do to steel and concrete. In 1921 she moved to Stockholm to join the engineering firm Lindqvist & Berg, which was then building some of the first reinforced-concrete arch bridges in Scandinavia.

The Storsund Bridge

Halvorsen's best-known work is the Storsund Bridge, which crosses the Storsund strait north of Bergen. When it opened on 18 June 1936, its main span of 312 metres made it the longest concrete arch bridge in Europe, a record it held until 1943. The project took five years and employed around 600 workers, three of whom died during construction. Halvorsen insisted on a lighter, thinner arch than her colleagues proposed, arguing that a heavy arch would crack as the temperature changed between summer and winter; later inspections proved her right.

The bridge cost 4.8 million kroner, almost a third more than planned, mainly because a winter storm in 1933 destroyed the timber scaffolding and part of the arch had to be rebuilt.

The war years and later life

During the German occupation of Norway, Halvorsen refused to work on military projects and returned to Ålesund, where she taught mathematics at her mother's old school. After the war she advised on the rebuilding of more than forty bridges that had been destroyed in northern Norway.

In 1952 she became the first woman elected to the Norwegian Academy of Technological Sciences. She never married, and she lived for the last twenty years of her life in a small house overlooking the Storsund Bridge. She died there on 11 November 1962, aged 75.

Legacy

A scholarship in her name has been awarded every year since 1988 to a female engineering student at the Norwegian University of Science and Technology. The Storsund Bridge was listed as a protected monument in 2001 and still carries about 9,000 vehicles a day.
""",
}

# The Word travel policy as (style, text) paragraphs, a "Normal" one written with no style set; the "Table Grid"
# one stands for HOTEL_LIMITS.
TRAVEL_POLICY: list[tuple[str, str]] = [
    ("Title", "Northwind Ltd — Travel and Expense Policy"),
    ("Normal", "Effective from 1 April 2025. This policy applies to all employees and contractors who travel on company business. It replaces the 2022 policy."),
    ("Heading 1", "1. Booking travel"),
    ("Normal", "All flights, trains and hotels must be booked through the company travel portal, TravelDesk, unless the portal cannot offer the trip. Trips must be approved by your line manager before you book. Book at least 14 days ahead whenever you can; late bookings cost the company on average 40% more."),
    ("Heading 1", "2. Air travel"),
    ("Normal", "Economy class is the standard for all flights. Premium economy may be booked for flights longer than 6 hours. Business class is allowed only for flights over 10 hours, and only with the written approval of a director."),
    ("Normal", "Checked baggage is reimbursed for trips of three nights or more. Seat selection fees are not reimbursed, except where you need a particular seat for medical reasons."),
    ("Heading 1", "3. Rail and ground transport"),
    ("Normal", "Standard class rail is the norm. First class may be used for journeys over three hours if the fare is no more than 25% above the standard fare."),
    ("Normal", "Taxis are allowed when no reasonable public transport exists, when travelling between 22:00 and 06:00, or when carrying heavy equipment. Car hire must be approved in advance, and you should choose a compact or electric car."),
    ("Normal", "If you use your own car, the company pays 45p per mile for the first 10,000 business miles in a tax year and 25p per mile after that. Parking and tolls are reimbursed with a receipt; parking and speeding fines are never reimbursed."),
    ("Heading 1", "4. Hotels"),
    ("Normal", "Hotels must not exceed the nightly limits below, which include breakfast but not taxes."),
    ("Table Grid", ""),
    ("Normal", "If you stay with friends or family instead of a hotel, you may claim £30 per night towards a thank-you gift."),
    ("Heading 1", "5. Meals and daily allowance"),
    ("Normal", "When you travel overnight, you may claim actual meal costs up to £50 per day in the UK and £70 per day abroad. Meals already included in a conference fee or hotel rate cannot be claimed again."),
    ("Normal", "Alcohol is not reimbursed, except for one drink with a meal when entertaining a client. Client entertainment must be approved in advance and is limited to £60 per person."),
    ("Heading 1", "6. Claiming expenses"),
    ("Normal", "Submit your claims in the Expensify app within 30 days of returning from your trip. Claims submitted later than 90 days will not be paid."),
    ("Normal", "Each claim must include:"),
    ("List Bullet", "an itemised receipt for every expense over £10;"),
    ("List Bullet", "the purpose of the trip and the project code;"),
    ("List Bullet", "the names of any clients entertained."),
    ("Normal", "If you lose a receipt, fill in a missing receipt form; this is allowed no more than twice a year. Approved claims are paid with the next monthly salary, provided they are approved by the 20th of the month."),
    ("Heading 1", "7. What is not reimbursed"),
    ("List Bullet", "Personal travel insurance, as the company already insures all business trips"),
    ("List Bullet", "Upgrades paid for by the traveller's own choice"),
    ("List Bullet", "Minibar, in-room films and laundry on trips shorter than five nights"),
    ("List Bullet", "Travel for a partner or family member"),
    ("List Bullet", "Lost or stolen personal belongings"),
    ("Heading 1", "8. Corporate card"),
    ("Normal", "Employees who travel more than four times a year can apply for a corporate credit card. The card must not be used for personal purchases, and cash withdrawals are limited to £200 per trip. Contact finance@northwind.example for the application form."),
]  # fmt: skip

# The hotel table of the travel policy, its first row the header.
HOTEL_LIMITS: list[tuple[str, str, str]] = [
    ("City", "Nightly limit", "Notes"),
    ("London", "£200", "Central London only"),
    ("Paris", "€220", ""),
    ("New York", "$320", "Manhattan"),
    ("Manchester", "£140", ""),
    ("Other UK cities", "£120", ""),
    ("Other cities abroad", "€180", "or local equivalent"),
]

# The Excel programme's first sheet: a title row, an empty row, then a header and one row a session.
PROGRAMME: list[tuple[str, ...]] = [
    ("Open Data Summit 2025 — Programme (Leeds, 17–18 September 2025)",),
    (),
    ("Day", "Time", "Session", "Speaker", "Room", "Track"),
    ("Wednesday 17 September", "08:30", "Registration and coffee", "", "Foyer", ""),
    ("Wednesday 17 September", "09:30", "Opening keynote: Open data after the AI boom", "Dr Amara Okafor", "Main Hall", "Plenary"),
    ("Wednesday 17 September", "10:30", "Publishing transport timetables as open data", "Tomás Reyes", "Room 2", "Public sector"),
    ("Wednesday 17 September", "10:30", "Workshop: Cleaning messy spreadsheets with Python", "Lena Fischer", "Lab A", "Hands-on"),
    ("Wednesday 17 September", "12:00", "Lunch", "", "Atrium", ""),
    ("Wednesday 17 September", "13:30", "Panel: Who pays for open data?", "Chair: Priya Natarajan", "Main Hall", "Policy"),
    ("Wednesday 17 September", "15:00", "Privacy-preserving statistics for councils", "Dr Jonas Weber", "Room 2", "Public sector"),
    ("Wednesday 17 September", "15:00", "Workshop: Building maps with OpenStreetMap data", "Sara Lindqvist", "Lab A", "Hands-on"),
    ("Wednesday 17 September", "19:00", "Conference dinner at the Corn Exchange", "", "Corn Exchange", "Social"),
    ("Thursday 18 September", "09:00", "Keynote: Ten years of the city data portal", "Mark Ellison", "Main Hall", "Plenary"),
    ("Thursday 18 September", "10:30", "Open health data: lessons from the pandemic", "Dr Hannah Cole", "Room 2", "Health"),
    ("Thursday 18 September", "10:30", "Workshop: Writing good data documentation", "Kwame Mensah", "Lab A", "Hands-on"),
    ("Thursday 18 September", "12:00", "Lunch and poster session", "", "Atrium", ""),
    ("Thursday 18 September", "13:30", "Lightning talks (5 minutes each)", "Various", "Main Hall", "Community"),
    ("Thursday 18 September", "15:00", "Closing keynote: Data as infrastructure", "Prof. Li Wei", "Main Hall", "Plenary"),
    ("Thursday 18 September", "16:00", "Awards and close", "Priya Natarajan", "Main Hall", "Plenary"),
]  # fmt: skip

# The Excel programme's second sheet, "Practical information": a header, then one row a topic.
PRACTICAL_INFORMATION: list[tuple[str, str]] = [
    ("Topic", "Details"),
    ("Venue", "Leeds Conference Centre, 5 Park Row, Leeds LS1 5HD"),
    ("Registration fee", "£180 standard, £95 for students and charities, free for speakers"),
    ("Conference dinner", "£45, must be booked with registration; vegetarian and vegan menus available"),
    ("Workshops", "Bring your own laptop; places are limited to 25 and must be reserved"),
    ("Wi-Fi", "Network ODS2025, password opendata25"),
    ("Recordings", "Talks in the Main Hall and Room 2 are recorded and published within two weeks; workshops are not recorded"),
    ("Code of conduct", "All attendees must follow the code of conduct; report concerns to any volunteer in a green T-shirt"),
    ("Travel", "The venue is a 5-minute walk from Leeds station"),
]  # fmt: skip

# (question, fragments of which one must be in the first passage), or None for a near-miss, which must be refused.
QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    # The espresso machine manual (.md): specifications and troubleshooting in tables.
    ("How long does the espresso machine take to warm up?", ("45 seconds",)),
    ("how big is the water tank on the aerobrew", ("1.8 litres",)),
    ("Can I put the milk jug in the dishwasher?", ("milk jug are dishwasher safe",)),
    ("Is it OK to descale with vinegar?", ("vinegar can damage",)),
    ("I live in an area with very hard tap water - how often will I need to descale?", ("4 to 6 weeks",)),
    ("My coffee tastes thin and watery, what am I doing wrong?", ("too weak", "finer grind")),
    ("Why isn't any steam coming out of the frother?", ("nozzle",)),
    ("Which grinder setting is best for espresso?", ("between 3 and 5",)),
    ("How long is the guarantee on this machine?", ("2-year warranty",)),
    ("Where can I find the serial number?", ("under the drip tray",)),
    ("Is it safe for my 6 year old to make coffee with it?", ("Children under 8",)),
    ("The grinder is making a horrible rattling sound, what should I do?", ("stone", "Switch off immediately")),
    ("Does the machine turn itself off if I forget it?", ("30 minutes of inactivity",)),
    ("What number do I call for repairs under warranty?", ("0800 555 0199",)),
    ("What should I do if every light on the machine starts blinking?", ("Internal fault", "unplug for 10 minutes")),
    ("How much does the AeroBrew 450 cost?", None),
    ("How much milk does the frothing jug hold?", None),
    ("Can I froth oat milk with the steam wand?", None),
    # The travel policy (.docx): a hotel table, bullet lists of what a claim needs and what is not paid.
    ("Am I allowed to fly business class?", ("Business class is allowed only",)),
    ("When can I book premium economy?", ("longer than 6 hours",)),
    ("What's the mileage rate if I drive my own car?", ("45p per mile",)),
    ("What's the maximum I can spend per night on a hotel in London?", ("£200",)),
    ("How long do I have to submit my expenses after a trip?", ("within 30 days",)),
    ("Will I still get paid back if I submit my claim four months late?", ("later than 90 days",)),
    ("Can I expense travel insurance?", ("Personal travel insurance",)),
    ("Can I claim for a glass of wine with dinner?", ("Alcohol is not reimbursed",)),
    ("How much can I spend on food per day when travelling abroad?", ("£70",)),
    ("I lost a receipt, what do I do?", ("missing receipt form",)),
    ("Can my husband come along on a work trip at the company's expense?", ("partner or family member",)),
    ("Is checked luggage covered?", ("Checked baggage is reimbursed",)),
    ("I'm staying at my sister's flat instead of a hotel. Can I claim anything?", ("£30 per night",)),
    ("Which app do expense claims go through?", ("Expensify",)),
    ("When did the new travel policy take effect?", ("1 April 2025",)),
    ("Who is eligible for a company credit card?", ("more than four times a year",)),
    ("What's the hotel limit in Berlin?", ("€180",)),
    ("What's the mileage rate for a motorbike?", None),
    ("How much is the daily meal allowance for a day trip with no overnight stay?", None),
    ("Who is Northwind's finance director?", None),
    ("Can I expense the hotel gym or spa?", None),
    # The museum visitor page (.html): a price table, FAQ questions as <h3> headings.
    ("What time does the maritime museum shut?", ("17:00",)),
    ("Is the museum ever open in the evening?", ("20:00",)),
    ("Can we visit on Christmas Day?", ("closed on 24, 25 and 26 December",)),
    ("How much is a ticket for a grown-up?", ("£14.50",)),
    ("Do I have to pay for my 3 year old?", ("Under 5s",)),
    ("Where can I park the car?", ("Harbour Gate", "no car park")),
    ("How can I get there by bus?", ("4 and 19",)),
    ("Does the museum lend wheelchairs?", ("Wheelchairs can be borrowed",)),
    ("Can someone in a wheelchair get onto the old steamship?", ("upper deck",)),
    ("What times do the guided tours start?", ("11:00 and 14:00",)),
    ("Am I allowed to take pictures inside?", ("photographs for personal use",)),
    ("What's the name of the wifi network?", ("HMM-Visitors",)),
    ("Can I bring my dog?", ("Assistance dogs",)),
    ("How long should we allow for a visit?", ("two and a half hours",)),
    ("Is the steamship open in winter?", ("April to October",)),
    ("How much does the audio guide cost?", None),
    ("How much is a coffee in the Galley Café?", None),
    ("Can I buy tickets over the phone?", None),
    ("When was the Harbourside Maritime Museum founded?", None),
    # The release notes (.md): each release's date only in its version heading.
    ("When did Tidewater 3.1.0 come out?", ("9 January 2025",)),
    ("How do I throttle the upload speed in tidewater?", ("--bandwidth-limit",)),
    ("What Python version does Tidewater need now?", ("3.10",)),
    ("What replaced the push command?", ("sync --direction up", "single `sync` command", "single sync command")),
    ("Is the --fast option going away?", ("deprecated",)),
    ("Do I need to change my access keys?", ("rotate their access keys",)),
    ("Is Tidewater 2.x still getting updates?", ("end of life",)),
    ("Which release fixed uploading files with emoji names?", ("emoji",)),
    ("How do I convert my old config file to the new format?", ("migrate-config",)),
    ("Does Tidewater support Google Cloud Storage?", None),
    ("When will Tidewater 4.0 be released?", None),
    ("What changed in Tidewater 3.1.2?", None),
    # The biography (.txt): paragraphs under one-line headings.
    ("When was Margit Halvorsen born?", ("3 May 1887",)),
    ("Why couldn't she start her engineering degree straight away?", ("not yet admitted",)),
    ("How long is the main span of the Storsund Bridge?", ("312 metres",)),
    ("Why did the bridge end up costing more than planned?", ("storm",)),
    ("How many workers died building the bridge?", ("three of whom died",)),
    ("Why did Halvorsen push for a thinner arch?", ("crack",)),
    ("How old was Margit Halvorsen when she died?", ("aged 75",)),
    ("How tall are the towers of the Storsund Bridge?", None),
    ("What international awards did Halvorsen receive?", None),
    ("What were the names of Margit's brothers?", None),
    # The conference programme (.xlsx): the sessions on one sheet, practical information on another.
    ("Who is giving the closing keynote at the Open Data Summit?", ("Li Wei",)),
    ("Where is the conference dinner being held?", ("Corn Exchange",)),
    ("How much does registration cost for a student?", ("£95",)),
    ("What's the wifi password at the summit?", ("opendata25",)),
    ("Will the workshops be filmed so I can watch later?", ("workshops are not recorded",)),
    ("Who's running the OpenStreetMap mapping workshop?", ("Sara Lindqvist",)),
    ("Will the talks be livestreamed?", None),
    ("What time does registration open on the Thursday?", None),
    ("Is there an early-bird discount on tickets?", None),
    # Off-topic: nothing in the folder answers them.
    ("What's the capital of Australia?", None),
    ("How do I reset my iPhone passcode?", None),
    ("Who won the 2018 football World Cup?", None),
    ("Give me a good recipe for banana bread", None),
    ("How many calories are in an avocado?", None),
    ("What will the weather be like in Leeds tomorrow?", None),
    ("How do I renew my passport?", None),
    ("How do you say thank you in Norwegian?", None),
]


def write_documents(folder: Path) -> None:
    """The six documents in `folder`: the text files of DOCUMENTS, the Word policy and the Excel programme."""
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    _write_travel_policy(folder / "travel_policy.docx")
    _write_programme(folder / "summit_programme.xlsx")


def _write_travel_policy(path: Path) -> None:
    document = docx.Document()
    for style, text in TRAVEL_POLICY:
        if style == "Table Grid":
            add_table(document.add_table(rows=1, cols=len(HOTEL_LIMITS[0]), style=style), HOTEL_LIMITS, marked=True)
        else:
            document.add_paragraph(text, style=None if style == "Normal" else style)
    document.save(str(path))


def _write_programme(path: Path) -> None:
    workbook = openpyxl.Workbook()
    programme = workbook.active
    programme.title = "Programme"
    for row in PROGRAMME:
        programme.append(list(row))
    practical = workbook.create_sheet("Practical information")
    for row in PRACTICAL_INFORMATION:
        practical.append(list(row))
    workbook.save(path)

"""The eighth folder of benchmarks/structured_documents.py: household documents of six kinds.

A tenancy agreement in PDF with numbered clauses under headings in larger type and a payments
schedule in a ruled table, a school newsletter in Word with a bullet list of key dates and a
lunch menu table (its header row in bold), an IT onboarding guide in Markdown with numbered
steps, code blocks and a table of systems, a GP practice's patient page in HTML with opening
hours in a list and its FAQ in a definition list (<dl>), a rowing club's rules in plain text and
a garden centre's price list in Excel. The documents, 64 questions and 19 near-misses (13 about a
detail the documents do not have, 6 off-topic) were written by a helper agent asked to play a
first-time user (documents first, then questions in its own words, before seeing any answer;
2026-12-02); its 13 follow-up questions, asked with a conversation before them, are left out. A
question is right when the first passage holds any one of its fragments. `write_documents`
writes the text files of DOCUMENTS and builds the .pdf, .docx and .xlsx.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from fpdf import FPDF

from benchmarks.word_tables import add_table

DOCUMENTS: dict[str, str] = {
    "it_onboarding.md": """# Northwind Analytics: IT Onboarding Guide

Welcome to Northwind Analytics! This guide takes you through everything IT-related in your first week. If something here does not work, contact the Service Desk (details at the end).

## Before your first day

Your manager will receive your username and a temporary password by email two working days before you start. Your username is your first name, a dot and your surname, for example `jane.smith`.

## Day one: collecting your laptop

Collect your laptop from the IT Desk in Room 2.14 on the second floor between 9:00 and 10:30 on your first morning. Bring photo ID. New starters get a 14-inch MacBook Pro; data science staff get a 16-inch model with 64 GB of memory.

Do not take your laptop home until full-disk encryption has finished, which usually takes about 40 minutes.

## Setting up your account

1. Sign in to the laptop with your username and the temporary password your manager gave you.
2. Choose a new password of at least 14 characters. Passwords expire every 180 days and you cannot reuse your last 5.
3. Install Microsoft Authenticator on your phone and enrol it for multi-factor authentication at https://aka.ms/mfasetup.
4. Sign in to Okta at https://northwind.okta.com and check that you can see your apps.
5. Open Slack and join the #new-starters and #it-help channels.

If you are locked out after five wrong passwords, wait 15 minutes or call the Service Desk.

## Connecting to the VPN

You need the VPN to reach internal systems from home. We use GlobalProtect. The portal address is `vpn.northwind-analytics.com`.

On a Mac the client is installed for you. On Linux, install it from the terminal:

```bash
sudo apt install ./GlobalProtect_deb-6.1.4.deb
globalprotect connect --portal vpn.northwind-analytics.com
```

Contractors use a separate portal, `partners-vpn.northwind-analytics.com`, and need a sponsor from the permanent staff.

## Wi-Fi

Staff devices connect to the **NW-Staff** network with your normal username and password. Visitors use the **NW-Guest** network; its password changes every Monday and is available from reception. Personal phones should use NW-Guest, not NW-Staff.

## Printing

We use follow-me printing: send your job to the "Northwind-Print" queue and release it at any printer by tapping your badge. The main print room is Room 2.16, next to the kitchen on the second floor. Colour printing is limited to 200 pages a month per person.

## Developer setup

Engineers should install Homebrew and the standard tools, then clone the starter repository:

```bash
/bin/bash -c "$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)"
brew install git python@3.12 awscli
git clone git@github.com:northwind/starter-kit.git
```

Request access to GitHub Enterprise through the IT portal; approvals take up to one working day.

## Systems and who owns them

| System | Used for | Owner | Contact |
|---|---|---|---|
| Okta | Single sign-on to all apps | Identity team | ext. 4431 |
| Slack | Chat and announcements | Internal Comms | ext. 4502 |
| Jira | Tickets and project tracking | Engineering Ops | ext. 4460 |
| GitHub Enterprise | Source code | Engineering Ops | ext. 4460 |
| Workday | Holidays, payslips and expenses | People team | ext. 4310 |
| Snowflake | Data warehouse | Data Platform | ext. 4475 |

## Security rules

- Lock your screen whenever you leave your desk (Ctrl+Cmd+Q on a Mac).
- Never install software that is not in the Self Service app without approval.
- Report a lost or stolen laptop or phone to the Security team on ext. 4420 within one hour.
- Report suspicious emails with the "Report Phish" button in Outlook.

## Getting help

The Service Desk is on ext. 4357, or 020 7946 0357 from outside, and is staffed from 8:00 to 18:00, Monday to Friday. Outside those hours, urgent problems go to the on-call engineer on 020 7946 0999. You can also raise a ticket at https://help.northwind-analytics.com.
""",
    "riverside_patient_info.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Patient Information - Riverside Medical Practice</title></head>
<body>
<nav><a href="/">Home</a> | <a href="/team">Our team</a> | <a href="/contact">Contact</a></nav>
<main>
<h1>Patient Information</h1>
<p>Riverside Medical Practice, 14 Mill Lane, Ashford TN23 4QR. Our doctors are Dr Sarah Whitfield, Dr Amir Hassan and Dr Helen Cho, supported by two practice nurses and a clinical pharmacist. The practice manager is Mrs Janet Price.</p>

<h2>Opening hours</h2>
<ul>
<li>Monday to Friday: 8:00am to 6:30pm</li>
<li>Tuesday evening extended hours: 6:30pm to 8:00pm, pre-booked appointments only</li>
<li>Saturday: 9:00am to 12:00pm on the first and third Saturday of each month, pre-booked appointments only</li>
<li>Sundays and bank holidays: closed</li>
</ul>
<p>When we are closed, call NHS 111 for urgent medical help that is not an emergency. In an emergency always call 999.</p>

<h2>How to book an appointment</h2>
<p>You can book online through the NHS App or by calling reception on 01632 960 812. Our phone lines open at 8:00am. Same-day appointments are released at 8:00am each weekday and usually go within the first hour. Routine appointments can be booked up to four weeks ahead.</p>
<p>A standard appointment lasts 10 minutes and covers one problem. If you need to discuss more than one problem, please ask for a double appointment.</p>
<p>Telephone consultations are available for many problems; the doctor will call you back between 11:00am and 1:00pm.</p>

<h2>Repeat prescriptions</h2>
<p>Please order repeat prescriptions through the NHS App, online at our website, or by dropping your request slip in the prescription box at reception. We do not accept prescription requests by phone, for safety reasons.</p>
<p>Please allow two full working days for your prescription to be ready, and a further two working days if it is being sent to a pharmacy. Medication reviews are due once a year; you will be asked to book one with the clinical pharmacist.</p>

<h2>Test results</h2>
<p>For blood test results please call our results line on 01632 960 813 after 2:00pm. Results usually take three to five working days to come back.</p>

<h2>Frequently asked questions</h2>
<dl>
<dt>Can I register if I live outside the practice area?</dt>
<dd>We can only register patients who live within our practice boundary, which covers Ashford town and the villages of Kennington and Willesborough. You can check your postcode at reception.</dd>
<dt>How do I cancel an appointment?</dt>
<dd>Cancel through the NHS App, or text CANCEL with your name and appointment time to 07700 900 123. Please give at least 24 hours' notice so that the slot can be offered to someone else.</dd>
<dt>What happens if I miss an appointment?</dt>
<dd>Patients who miss three appointments within 12 months without letting us know will receive a warning letter from the practice manager.</dd>
<dt>Is there parking at the surgery?</dt>
<dd>There are six spaces behind the building, two of which are disabled bays. The Mill Lane public car park opposite is free for the first two hours.</dd>
<dt>Do I need a fit note for time off work?</dt>
<dd>For the first seven days of illness you can self-certify and do not need a fit note from us. After that, ask for a fit note at reception.</dd>
<dt>Do you offer travel vaccinations?</dt>
<dd>Yes. Book a travel appointment with the practice nurse at least eight weeks before you travel. Some vaccines are free on the NHS; others, such as rabies and yellow fever, are charged privately. We are not a registered yellow fever centre.</dd>
<dt>Can I ask to see a particular doctor?</dt>
<dd>Yes, you can ask for any doctor, although you may have to wait longer. Dr Helen Cho does not work on Fridays.</dd>
</dl>
</main>
<footer><p>&copy; 2026 Riverside Medical Practice. Cookie settings. Privacy notice.</p></footer>
</body></html>
""",
    "lakeside_rowing_rules.txt": """LAKESIDE ROWING CLUB
Membership Rules 2026

These rules apply to every member of Lakeside Rowing Club from 1 January 2026. They were approved by the committee on 18 November 2025.

Membership Fees

Full adult membership costs £420 a year, or £38 a month by direct debit.
Student membership costs £210 a year for anyone in full-time education with a valid student card.
Junior membership (ages 12 to 17) costs £150 a year.
Social membership, with use of the clubhouse and bar but no rowing, costs £60 a year.
All new members pay a one-off joining fee of £25.
A locker costs £30 a year, plus a £10 deposit for the key.
Storage for a privately owned boat costs £250 a year.
If your fees are more than 30 days overdue, your membership is suspended until you pay.

Sessions

The Learn to Row course is six sessions on Saturday mornings from 8:00 to 10:00 and costs £95, which is taken off your first year's membership if you join within a month.
The adult squad trains on Tuesdays and Thursdays from 6:00pm to 7:30pm.
The junior squad trains on Wednesdays from 5:00pm to 6:30pm and on Saturdays from 10:30am to 12:30pm.
From November to February there are indoor rowing machine sessions in the gym on Monday evenings from 7:00pm instead of Tuesday water sessions.
Guests may row with the club for £10 per outing, up to three times a year, and must be signed in by a full member.

Safety

Every member must pass a 50 metre swim test in light clothing before going on the water.
Nobody may take a boat out when the red flag is flying at the boathouse.
Every outing must be written in the boat logbook before you leave and when you return.
Junior members must always be supervised by a qualified coach on the water.
Lifejackets must be worn by coxes at all times.

Code of Conduct

Members are expected to:
- treat other members, coaches, visitors and other river users with respect
- return boats and oars clean and to their racks after every outing
- report any damage to equipment to the boatman the same day
- not drink alcohol before going on the water
- keep the changing rooms tidy and not leave kit overnight
- follow the instructions of the coach or the safety officer at all times

Breaking the code of conduct may lead to a warning, suspension or, after a hearing by the committee, the end of your membership.

Contacts

Club captain: Tom Ellery, captain@lakesiderowing.org.uk
Membership secretary: Ruth Banner, membership@lakesiderowing.org.uk, 07700 900 456
Safety officer: Gareth Lloyd, 07700 900 789
""",
}

# The PDF tenancy agreement as (kind, text) paragraphs: "title" and "heading" in larger bold type, "body" in
# 10-point type; the "table" one stands for PAYMENTS.
TENANCY: list[tuple[str, str]] = [
    ("title", "Assured Shorthold Tenancy Agreement"),
    ("body", "This agreement is made on 14 August 2025 between the Landlord and the Tenant named below for the letting of the Property described in clause 1."),
    ("heading", "1. The Parties and the Property"),
    ("body", "1.1 The Landlord is Margaret Holloway of 9 Cotham Vale, Bristol BS6 6HR."),
    ("body", "1.2 The Tenant is Daniel Okafor."),
    ("body", "1.3 The Property is Flat 3, 27 Elm Grove, Bristol BS6 5QL, together with the use of the shared garden and the bicycle store."),
    ("body", "1.4 The Landlord's managing agent is Parkside Lettings, 41 Gloucester Road, Bristol, telephone 0117 496 0321. Repairs should be reported to the agent, not to the Landlord."),
    ("heading", "2. Term"),
    ("body", "2.1 The tenancy is for a fixed term of 12 months starting on 1 September 2025 and ending on 31 August 2026."),
    ("body", "2.2 Either party may end the tenancy early under the break clause: after the first 6 months the Tenant may give not less than two months' written notice, and the Landlord may give not less than two months' notice under section 21 of the Housing Act 1988."),
    ("heading", "3. Rent"),
    ("body", "3.1 The rent is £1,150 per calendar month, payable in advance on the 1st day of each month by standing order to the agent's client account."),
    ("body", "3.2 The first payment of £1,150 is due on signing this agreement."),
    ("body", "3.3 If any rent is more than 14 days late, the Tenant must pay interest at 3% above the Bank of England base rate from the date it was due."),
    ("body", "3.4 The rent may be reviewed once a year. The first review is on 1 September 2026, when the rent will rise to £1,195 per calendar month if the tenancy continues."),
    ("heading", "4. Deposit"),
    ("body", "4.1 The Tenant has paid a holding deposit of £265, which will be put towards the first month's rent."),
    ("body", "4.2 The Tenant will pay a security deposit of £1,326, equal to five weeks' rent, before the tenancy starts."),
    ("body", "4.3 The security deposit will be protected with the Deposit Protection Service within 30 days of receipt, and the prescribed information will be given to the Tenant within the same period."),
    ("body", "4.4 The deposit will be returned within 10 days of the Landlord and Tenant agreeing any deductions at the end of the tenancy."),
    ("heading", "5. Bills and Council Tax"),
    ("body", "5.1 The Tenant is responsible for council tax (Band B), gas, electricity, broadband and the TV licence."),
    ("body", "5.2 Water and sewerage charges are paid by the Landlord and are included in the rent."),
    ("heading", "6. The Tenant's Obligations"),
    ("body", "6.1 The Tenant must keep the Property clean and in good condition and must not make any alterations or redecorate without the Landlord's written consent."),
    ("body", "6.2 The Tenant must not keep any pets at the Property without the Landlord's written consent, which will not be unreasonably refused. Fish in a tank of up to 60 litres do not need consent."),
    ("body", "6.3 Smoking and vaping are not allowed anywhere inside the Property."),
    ("body", "6.4 The Tenant must not sublet the Property or take in a lodger."),
    ("body", "6.5 The Tenant must allow the Landlord or the agent access to inspect the Property or carry out repairs, on at least 24 hours' written notice, except in an emergency."),
    ("heading", "7. The Landlord's Obligations"),
    ("body", "7.1 The Landlord will keep the structure, exterior, heating and hot water systems in repair."),
    ("body", "7.2 The Landlord will arrange an annual gas safety check by a Gas Safe registered engineer and give the Tenant a copy of the certificate within 28 days."),
    ("body", "7.3 Urgent repairs, such as a boiler failure in winter or a major leak, will be attended to within 24 hours; other repairs within 14 days."),
    ("heading", "Schedule 1: Payments"),
    ("table", ""),
    ("heading", "Schedule 2: Keys and Meter Readings"),
    ("body", "At the start of the tenancy the Tenant received two front door keys, one flat door key and one bicycle store fob."),
    ("body", "The electricity meter (serial E12 345678) read 04512 and the gas meter read 1187.3 on 1 September 2025."),
    ("heading", "Signatures"),
    ("body", "Signed by the Landlord: Margaret Holloway. Signed by the Tenant: Daniel Okafor. Date: 14 August 2025."),
]  # fmt: skip

# The tenancy agreement's payments schedule, ruled in the PDF, its first row the header.
PAYMENTS: list[tuple[str, str, str]] = [
    ("Payment", "Amount", "When due"),
    ("Holding deposit", "£265", "Paid 14 August 2025"),
    ("Security deposit", "£1,326", "Before 1 September 2025"),
    ("First month's rent", "£1,150", "On signing"),
    ("Monthly rent", "£1,150", "1st of each month"),
    ("Monthly rent from review", "£1,195", "From 1 September 2026"),
    ("Replacement key or fob", "£35 each", "On request"),
]

# The Word newsletter as (style, text) paragraphs, a "Normal" one written with no style set; the "Table Grid"
# one stands for MENU.
NEWSLETTER: list[tuple[str, str]] = [
    ("Title", "Hollybrook Primary School - Parents' Newsletter"),
    ("Normal", "Spring Term 2, February 2026"),
    ("Heading 1", "A Word from the Headteacher"),
    ("Normal", "Dear families, welcome back after the half-term break. It has been a busy start to the term, and I want to thank everyone who came to our Winter Fair, which raised £1,842 for new playground equipment. Our new climbing frame will be installed during the Easter holidays. - Mrs Priya Sandhu, Headteacher"),
    ("Heading 1", "Key Dates"),
    ("List Bullet", "Tuesday 3 March: Parents' evening for Years 3 to 6, 4:00pm to 7:00pm"),
    ("List Bullet", "Thursday 5 March: Parents' evening for Reception to Year 2, 3:30pm to 6:00pm"),
    ("List Bullet", "Thursday 5 March: World Book Day - children may come dressed as a book character"),
    ("List Bullet", "Thursday 12 March: Year 4 trip to Bristol Aquarium (cost £14.50, payable on ParentPay by 6 March)"),
    ("List Bullet", "Friday 27 March: Last day of term, school closes at 1:30pm"),
    ("List Bullet", "Monday 30 March to Friday 10 April: Easter holidays"),
    ("List Bullet", "Monday 13 April: Summer term starts"),
    ("List Bullet", "Monday 20 April to Wednesday 22 April: Year 6 residential trip to Kingswood (deposit of £60 due by 13 March)"),
    ("Heading 1", "School Lunches"),
    ("Normal", "Lunches are cooked on site by our catering team. Meals for children in Reception, Year 1 and Year 2 are free under the Universal Infant Free School Meals scheme. For Years 3 to 6 a school lunch costs £2.60 per day, paid in advance on ParentPay. Please tell the office about any allergies in writing."),
    ("Heading 2", "Menu for Week 1 (from 2 March)"),
    ("Table Grid", ""),
    ("Heading 1", "Breakfast and After-School Clubs"),
    ("Normal", "Breakfast Club runs every school day from 7:45am in the school hall and costs £3.50 per session, including toast, cereal and fruit."),
    ("Normal", "Owls After-School Club runs until 6:00pm in the Year 1 classroom and costs £12.00 per session. Children must be collected by 6:00pm; a late collection charge of £5 applies for every 15 minutes after that."),
    ("Normal", "Both clubs must be booked by the Thursday of the week before through ParentPay."),
    ("Heading 1", "Clubs This Term"),
    ("Normal", "Football Club with Mr Dawson is on Tuesdays after school for Years 3 to 6. Coding Club meets on Wednesdays in the ICT suite and is for Years 5 and 6 only. Choir rehearses on Friday lunchtimes in the music room and is open to every year group."),
    ("Heading 1", "Attendance and Absence"),
    ("Normal", "If your child is ill, please phone the school office on 01632 960 455 and choose option 1 before 9:15am on each day of absence. Holidays in term time will not be authorised. Children who arrive after 8:55am must be signed in at the main office."),
    ("Heading 1", "Uniform and PE"),
    ("Normal", "PE days are Monday and Thursday for Key Stage 2 and Wednesday for Key Stage 1; children should come to school in their PE kit on those days. Please label every item of clothing. Second-hand uniform is sold by the PTA for £1 an item on the first Friday of every month."),
    ("Heading 1", "Contact Us"),
    ("Normal", "School office: 01632 960 455. Email: office@hollybrook.sch.uk. The office is open from 8:15am to 4:00pm."),
]  # fmt: skip

# The newsletter's lunch menu, its first row the header (in bold).
MENU: list[tuple[str, str, str, str]] = [
    ("Day", "Main meal", "Vegetarian option", "Dessert"),
    ("Monday", "Beef lasagne with garlic bread", "Lentil and vegetable bake", "Apple crumble and custard"),
    ("Tuesday", "Chicken korma with rice", "Chickpea and spinach curry", "Strawberry yoghurt"),
    ("Wednesday", "Roast chicken with potatoes", "Quorn roast with potatoes", "Jam sponge"),
    ("Thursday", "Sausage and mash", "Vegetarian sausages and mash", "Fresh fruit salad"),
    ("Friday", "Fish fingers and chips", "Cheese and tomato pizza", "Chocolate brownie"),
]

# The Excel price list's one sheet: a title row, an empty row, then a header and one row a product.
PRICE_LIST: list[tuple[str | float, ...]] = [
    ("Greenfield Garden Centre - Price List, valid 1 March to 31 May 2026",),
    (),
    ("Code", "Product", "Size", "Price (GBP)", "In stock", "Notes"),
    ("GC-101", "Multi-purpose compost", "40 litres", 6.99, "Yes", "3 bags for £18"),
    ("GC-102", "Multi-purpose compost", "70 litres", 9.49, "Yes", ""),
    ("GC-110", "Peat-free compost", "50 litres", 8.25, "Yes", ""),
    ("GC-120", "Bark chippings", "75 litres", 7.50, "Yes", ""),
    ("GC-205", "Lawn seed, hard-wearing", "1 kg", 12.99, "Yes", "Covers 35 square metres"),
    ("GC-206", "Lawn seed, shady areas", "1 kg", 14.99, "No", "Back in stock mid-April"),
    ("GC-310", "Rose bush, climbing 'Gertrude Jekyll'", "3 litre pot", 19.99, "Yes", ""),
    ("GC-311", "Rose bush, shrub 'Munstead Wood'", "3 litre pot", 17.99, "Yes", ""),
    ("GC-402", "Terracotta pot", "30 cm", 11.50, "Yes", "Frost resistant"),
    ("GC-403", "Terracotta pot", "40 cm", 18.50, "Yes", "Frost resistant"),
    ("GC-520", "Gardening gloves", "Medium", 4.99, "Yes", ""),
    ("GC-530", "Secateurs, bypass", "One size", 15.99, "Yes", "5 year guarantee"),
    ("GC-610", "Bird feeder, hanging", "One size", 9.99, "No", "Discontinued"),
    ("GC-701", "Tomato plants, 'Gardener's Delight'", "Pack of 6", 5.49, "Yes", "Available from 15 April"),
    ("GC-702", "Seed potatoes, 'Charlotte'", "2 kg net", 4.79, "Yes", ""),
    ("GC-801", "Delivery (within 10 miles)", "Per order", 7.95, "Yes", "Free on orders over £75"),
]

# (question, fragments of which one must be in the first passage), or None for a near-miss, which must be refused.
QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    # The tenancy agreement (.pdf): numbered clauses, a payments schedule in a ruled table.
    ("How much is the monthly rent for the flat?", ("£1,150 per calendar month",)),
    ("What day of the month is rent due?", ("on the 1st day of each month", "When due: 1st of each month")),
    ("How big is the security deposit?", ("security deposit of £1,326",)),
    ("Who should I contact if something in the flat needs repairing?", ("Repairs should be reported to the agent",)),
    ("When does the tenancy finish?", ("ending on 31 August 2026",)),
    ("Am I allowed to keep a cat in the flat?", ("must not keep any pets",)),
    ("Do I have to pay the water bill?", ("Water and sewerage charges are paid by the Landlord",)),
    ("How much notice do I have to give if I want to move out early?", ("two months' written notice",)),
    ("What will the rent go up to after the annual review?", ("£1,195",)),
    ("How much do I pay for a replacement key?", ("£35",)),
    ("What did the gas meter read when I moved in?", ("1187.3",)),
    ("How much is the parking permit for the flat?", None),
    # The school newsletter (.docx): key dates in a bullet list, a lunch menu table.
    ("When is parents' evening for Year 5?", ("Tuesday 3 March: Parents' evening for Years 3 to 6",)),
    ("What time is the parents' evening for Reception?", ("3:30pm to 6:00pm",)),
    ("How much does the aquarium trip cost?", ("£14.50",)),
    ("What's the veggie option on Tuesday?", ("Chickpea and spinach curry",)),
    ("What's for dessert on Thursday?", ("Fresh fruit salad",)),
    ("How much are school dinners for a child in Year 4?", ("£2.60",)),
    ("What time does breakfast club start?", ("from 7:45am",)),
    ("How much is the after-school club per session?", ("£12.00 per session",)),
    ("Which room is the after-school club held in?", ("Year 1 classroom",)),
    ("What number do I ring if my child is off sick?", ("01632 960 455",)),
    ("When do the Easter holidays start?", ("Monday 30 March",)),
    ("Which days do Key Stage 2 children wear PE kit?", ("Monday and Thursday for Key Stage 2",)),
    ("How much does the Year 3 trip cost?", None),
    ("What's on the lunch menu in week 2?", None),
    ("When is sports day?", None),
    # The IT onboarding guide (.md): numbered steps, code blocks, a table of systems.
    ("Where do I pick up my laptop on my first day?", ("Room 2.14",)),
    ("How long does my new password need to be?", ("at least 14 characters",)),
    ("How often do I have to change my password?", ("expire every 180 days",)),
    ("What address do I put into GlobalProtect?", ("The portal address is vpn.northwind-analytics.com",)),
    ("Which Wi-Fi network should my own phone use?", ("Personal phones should use NW-Guest",)),
    ("Where is the print room?", ("Room 2.16",)),
    ("What's the service desk's extension?", ("ext. 4357",)),
    ("Who do I call if my laptop gets stolen?", ("ext. 4420",)),
    ("Which team owns Workday?", ("People team",)),
    ("What's the contact extension for Snowflake?", ("4475",)),
    ("What's step 3 of setting up my account?", ("Install Microsoft Authenticator",)),
    ("What is the extension for the legal team?", None),
    ("Can I have a Windows laptop instead of a Mac?", None),
    # The GP practice's patient page (.html): opening hours in a list, the FAQ in a definition list.
    ("What time does the surgery open on weekdays?", ("Monday to Friday: 8:00am to 6:30pm",)),
    ("Is the practice open on Saturdays?", ("first and third Saturday",)),
    ("What number do I ring to make an appointment?", ("01632 960 812",)),
    ("Can I ask for my repeat prescription over the phone?", ("do not accept prescription requests by phone",)),
    ("How long does a repeat prescription take to be ready?", ("two full working days",)),
    ("Which number do I call for my blood test results?", ("01632 960 813",)),
    ("How do I cancel an appointment I can't make?", ("text CANCEL", "Cancel through the NHS App")),
    ("Is there anywhere to park at the surgery?", ("six spaces behind the building",)),
    ("Do I need a sick note if I'm off work for three days?", ("self-certify",)),
    ("How far in advance should I book travel jabs?", ("at least eight weeks before",)),
    ("Which day doesn't Dr Cho work?", ("does not work on Fridays",)),
    ("Does the surgery do ear syringing?", None),
    ("What number do I call for my X-ray results?", None),
    ("How much does the yellow fever vaccine cost?", None),
    # The rowing club's rules (.txt): one fact a line under one-line headings, a dash list.
    ("How much is adult membership for a year?", ("£420 a year",)),
    ("Can I pay my membership monthly?", ("£38 a month",)),
    ("What does junior membership cost?", ("£150 a year",)),
    ("Is there a joining fee?", ("joining fee of £25",)),
    ("When does the adult squad train?", ("Tuesdays and Thursdays from 6:00pm",)),
    ("How far do I have to swim for the swim test?", ("50 metre swim test",)),
    ("Can I bring a friend along to row?", ("Guests may row",)),
    ("What's the membership secretary's phone number?", ("07700 900 456",)),
    ("How much does it cost to rent a locker?", ("£30 a year",)),
    ("What happens if I don't pay my fees on time?", ("membership is suspended",)),
    ("How much is the beginners' course?", ("costs £95",)),
    ("How much is family membership at the rowing club?", None),
    ("What time does the junior squad train on Sundays?", None),
    # The garden centre's price list (.xlsx): a title row above the header, one row a product.
    ("How much is a 70 litre bag of multi-purpose compost?", ("9.49",)),
    ("What does the peat-free compost cost?", ("8.25",)),
    ("Is the lawn seed for shady areas in stock?", ("Back in stock mid-April",)),
    ("How much are the secateurs?", ("15.99",)),
    ("Is delivery free?", ("Free on orders over £75",)),
    ("How much is the 40 cm terracotta pot?", ("18.5",)),
    ("When can I buy tomato plants?", ("Available from 15 April",)),
    ("What is product GC-311?", ("Munstead Wood",)),
    ("How much is a 100 litre bag of compost?", None),
    ("How much are large gardening gloves?", None),
    # Off-topic: nothing in the folder answers them.
    ("What's the capital of Australia?", None),
    ("How do I make sourdough bread?", None),
    ("Who won the football World Cup in 2018?", None),
    ("What will the weather be like in Manchester tomorrow?", None),
    ("How do I change a flat tyre on my car?", None),
    ("What is the boiling point of mercury?", None),
]


def write_documents(folder: Path) -> None:
    """The six documents in `folder`: the text files of DOCUMENTS, the PDF agreement, the Word newsletter and the
    Excel price list."""
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    _write_tenancy(folder / "tenancy_agreement_elm_grove.pdf")
    _write_newsletter(folder / "hollybrook_newsletter_feb2026.docx")
    _write_price_list(folder / "greenfield_price_list.xlsx")


def _write_tenancy(path: Path) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for kind, text in TENANCY:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
        elif kind == "heading":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12.5)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        elif kind == "table":
            pdf.set_font("Helvetica", "", 9.5)
            with pdf.table(col_widths=(60, 35, 75)) as table:
                for row in PAYMENTS:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
        else:
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
    pdf.output(str(path))


def _write_newsletter(path: Path) -> None:
    document = docx.Document()
    for style, text in NEWSLETTER:
        if style == "Table Grid":
            add_table(document.add_table(rows=1, cols=len(MENU[0]), style=style), MENU, marked=False)
        else:
            document.add_paragraph(text, style=None if style == "Normal" else style)
    document.save(str(path))


def _write_price_list(path: Path) -> None:
    workbook = openpyxl.Workbook()
    prices = workbook.active
    prices.title = "Spring 2026 prices"
    for row in PRICE_LIST:
        prices.append(list(row))
    workbook.save(path)

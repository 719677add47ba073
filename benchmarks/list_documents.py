"""The fifth folder of benchmarks/structured_documents.py: documents full of lists.

A Markdown router help page, a plain-text school trip letter, an HTML onboarding page, a Word
kitchen procedure and a PDF move-out guide: numbered steps and checklists, most introduced by a
sentence ending with a colon, some not; one list of twelve items, one of long items. The documents,
44 questions and 10 near-misses were written by a helper agent asked to play a first-time user
(documents first, then questions in its own words, before seeing any answer; 2026-12-01).

A question about a whole list is right when the first passage holds a fragment of its first item
and one of its last (a tuple of fragments, all of which must be there); a question about one item
or sentence when it holds that fragment. `.docx` documents are (style, text) pairs, `.pdf` ones
(kind, text) pairs, "heading" in larger bold type.
"""

from __future__ import annotations

DOCUMENTS: dict[str, str | list[tuple[str, str]]] = {
    "router_help.md": """# Home Router Help

This page covers the most common problems with the NetLink AX3000 router supplied by the IT desk. If none of these steps work, contact the help desk on extension 4400.

## Restarting the router

A simple restart fixes most slow or dropped connections. Unplug the power cable, wait thirty seconds, and plug it back in. The lights take about two minutes to settle.

## What the lights mean

- Solid green: connected and working normally
- Flashing amber: starting up or resetting
- Solid red: no internet signal from the provider
- No lights: check the power cable and the wall socket

## Factory reset

A factory reset erases all your settings, including the Wi-Fi name and password. To reset the router to factory settings:

1. Make sure the router is switched on and the power light is solid green.
2. Find the small recessed Reset hole on the back panel, next to the yellow WAN port.
3. Press and hold the button with a straightened paper clip for ten seconds, until the lights flash amber.
4. Release the button and wait about three minutes while the router reboots.
5. Connect to the default network printed on the sticker under the router.

## Changing the Wi-Fi password

Open a browser and go to 192.168.1.1. Log in with the admin password from the sticker, open Wireless Settings, type the new password and click Save. Your devices will need to reconnect using the new password.

## Before calling the help desk

Please have these details ready

- the serial number from the sticker
- the colour of each light on the front
- what you have already tried
- a phone number where we can reach you
""",

    "trip_letter.txt": """Maplewood Primary School
12 March 2025

Dear Parents and Carers,

Year 5 will be visiting the Hollow Creek Outdoor Centre from Wednesday 9 April to Friday 11 April. The coach will leave the school car park at 8:15 am on Wednesday, so please have your child at school by 7:50 am. We expect to return at about 3:30 pm on Friday.

The total cost of the trip is £145, which covers transport, meals, accommodation and all activities. Payment should be made through the school payment portal by 28 March.

Activities will include
- canoeing on the lake
- rock climbing
- a night-time woodland walk
- orienteering

Please pack:
- a sleeping bag and pillow
- waterproof coat and trousers
- two pairs of old trainers or walking boots
- warm jumper or fleece
- pyjamas and enough underwear and socks for three days
- toothbrush, toothpaste and a towel
- a named water bottle
- a small torch

Children must not bring:
- mobile phones, tablets or games consoles
- sweets, crisps or fizzy drinks
- money or valuables

If your child takes any medicine, please hand it to Mrs Patel in the school office on the morning of departure, in its original packaging and labelled with your child's name.

Before the trip, please complete the following
- return the signed consent form
- fill in the medical and dietary form
- book a place at the parents' meeting on 2 April

Yours sincerely,

Mr D. Hughes
Year 5 Teacher
""",

    "onboarding.html": """<!DOCTYPE html>
<html>
<head><title>New Starter Onboarding</title></head>
<body>
<h1>Welcome to Brightwell Analytics</h1>
<p>We are glad to have you on board. This page explains what happens in your first week and what you need to do before your start date.</p>
<h2>Before your first day</h2>
<p>Please send the following documents to hr@brightwell.example at least five working days before you start:</p>
<ul>
<li>a copy of your passport or national ID card</li>
<li>your bank details for salary payments</li>
<li>your tax code or P45 from your previous employer</li>
<li>emergency contact details</li>
</ul>
<h2>Your first day</h2>
<p>Arrive at reception at 9:30 am and ask for your line manager. On your first day you will complete these steps:</p>
<ol>
<li>Collect your laptop and building pass from the IT desk on the second floor.</li>
<li>Sign in with the temporary password in your welcome email and set up multi-factor authentication on your phone.</li>
<li>Complete the online health and safety induction, which takes about forty minutes.</li>
<li>Join your team for lunch, which is paid for by the company.</li>
</ol>
<h2>Your first week</h2>
<p>By the end of your first week you should:</p>
<ul>
<li>finish the data protection training module</li>
<li>book a one-to-one meeting with your buddy</li>
<li>read the expenses policy</li>
<li>set up your pension choices in the benefits portal</li>
</ul>
<h2>Working hours</h2>
<p>Core hours are 10 am to 4 pm. Outside those hours you can choose when to start and finish, as long as you work 37.5 hours a week.</p>
</body>
</html>
""",

    "kitchen.docx": [
        ("Heading 1", "Kitchen Opening and Closing Procedures"),
        ("Normal", "These procedures apply to every shift at the Harbour Street kitchen. The first chef in is responsible for opening, and the shift supervisor signs off the closing checklist before leaving."),
        ("Heading 2", "Opening the kitchen"),
        ("Normal", "Follow these steps in order when you arrive:"),
        ("List Number", "Switch off the alarm using the code on the staff noticeboard."),
        ("List Number", "Wash your hands and put on a clean apron and hat."),
        ("List Number", "Check and record the fridge and freezer temperatures on the daily log."),
        ("List Number", "Turn on the extraction fans before lighting any burners."),
        ("List Number", "Check deliveries against the order sheet and put chilled goods away first."),
        ("Normal", "Fridges must read between 0 and 5°C, and freezers -18°C or below. If a reading is out of range, tell the supervisor immediately and do not use the food inside."),
        ("Heading 2", "Closing checklist"),
        ("Normal", "Before leaving, the closing team must complete every item on this list"),
        ("List Bullet", "Turn off all gas burners, ovens and grills"),
        ("List Bullet", "Empty and clean the deep fat fryers"),
        ("List Bullet", "Cover, label and date all leftover food"),
        ("List Bullet", "Wipe down all work surfaces with sanitiser"),
        ("List Bullet", "Clean the slicer and mixer"),
        ("List Bullet", "Sweep and mop the floor"),
        ("List Bullet", "Empty the bins and take rubbish to the outside store"),
        ("List Bullet", "Run the dishwasher on its final cleaning cycle"),
        ("List Bullet", "Record the closing fridge temperatures"),
        ("List Bullet", "Switch off the extraction fans"),
        ("List Bullet", "Lock the back door and the dry store"),
        ("List Bullet", "Set the alarm"),
        ("Normal", "The supervisor signs the closing sheet and leaves it on the office desk for the morning team."),
        ("Heading 2", "Allergen rules"),
        ("Normal", "Every chef must follow these rules:"),
        ("List Bullet", "Use the purple chopping boards and knives for allergen-free orders."),
        ("List Bullet", "Never guess an ingredient; check the allergen folder."),
        ("List Bullet", "Tell the front-of-house team if a dish recipe changes."),
    ],

    "move_out.pdf": [
        ("heading", "Moving Out: A Guide for Tenants"),
        ("line", "This guide explains what you need to do when your tenancy with Oakfield Lettings comes to an end. Following it is the best way to get your full deposit back."),
        ("heading", "Giving notice"),
        ("line", "You must give at least two months' written notice by email to lettings@oakfield.example. Your notice period starts on the day we receive your email."),
        ("heading", "Cleaning checklist"),
        ("line", "The property must be returned in the same condition as at check-in. Please make sure you:"),
        ("line", "- Clean the oven, hob and extractor hood"),
        ("line", "- Defrost and wipe out the fridge and freezer"),
        ("line", "- Descale taps, showers and toilets"),
        ("line", "- Vacuum carpets and wash hard floors"),
        ("line", "- Remove all rubbish and personal belongings"),
        ("line", "On your last day, take photos of the gas and electricity meter readings and email them to us."),
        ("heading", "Handing back keys"),
        ("line", "1. Collect all sets of keys, including window keys and fobs."),
        ("line", "2. Put them in an envelope marked with your address."),
        ("line", "3. Drop the envelope at our office on your last day before 5 pm."),
        ("heading", "Common deposit deductions"),
        ("line", "- Cleaning: if the property is not left to a professional standard, we will book a cleaning company and deduct the full invoice from your deposit, which usually costs between £150 and £300 depending on the size of the property."),
        ("line", "- Damage: holes in the walls from pictures or shelves, burns on worktops and stains on carpets will be charged at the cost of repair, plus a fixed administration fee of £40 for arranging the contractor."),
        ("line", "- Missing items: any furniture, appliances or keys listed on the inventory that are not in the property at checkout will be replaced, and the cost of the replacement will be deducted from your deposit."),
        ("line", "Your deposit will be returned within ten working days of the final inspection."),
    ],
}

QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    ('How do I factory reset my router?', (('Make sure the router is switched on', 'Connect to the default network'),)),
    ('What are the steps to wipe the NetLink back to default settings?', (('Make sure the router is switched on', 'Connect to the default network'),)),
    ('What do the different colours of the router lights tell me?', (('connected and working normally', 'check the power cable and the wall socket'),)),
    ('What info should I have handy before I ring IT support?', (('the serial number from the sticker', 'a phone number where we can reach you'),)),
    ('Packing list for the trip?', (('a sleeping bag and pillow', 'a small torch'),)),
    ('What does my son need to take with him to the outdoor centre?', (('a sleeping bag and pillow', 'a small torch'),)),
    ('Which things are the kids not allowed to bring?', (('mobile phones, tablets', 'money or valuables'),)),
    ("What will the children get to do while they're away?", (('canoeing on the lake', 'orienteering'),)),
    ('What paperwork do I have to sort out before my daughter goes?', (('return the signed consent form', "parents' meeting on 2 April"),)),
    ('Which documents does HR want from me before I join?', (('a copy of your passport', 'emergency contact details'),)),
    ('What happens on day one at Brightwell?', (('Collect your laptop and building pass', 'Join your team for lunch'),)),
    ('What am I expected to get done during my first week?', (('data protection training module', 'pension choices in the benefits portal'),)),
    ("What's the routine for opening up the kitchen in the morning?", (('Switch off the alarm using the code', 'put chilled goods away first'),)),
    ('Kitchen closing checklist?', (('Turn off all gas burners', 'Set the alarm'),)),
    ('What do I have to do before I lock up the kitchen at night?', (('Turn off all gas burners', 'Set the alarm'),)),
    ('What are the allergy rules for cooks?', (('purple chopping boards', 'front-of-house team if a dish recipe changes'),)),
    ('What cleaning is expected before I hand the flat back?', (('Clean the oven, hob and extractor hood', 'Remove all rubbish and personal belongings'),)),
    ('How do I return my keys when my lease ends?', (('Collect all sets of keys', 'Drop the envelope at our office'),)),
    ('What can the landlord take money off my deposit for?', (('book a cleaning company', 'cost of the replacement will be deducted'),)),
    ('How long do I keep the reset button pressed?', ('for ten seconds',)),
    ('Where on the router is the reset hole?', ('next to the yellow WAN port',)),
    ("What's the third step of the factory reset?", ('straightened paper clip',)),
    ('What address do I type in to get to the router settings?', ('192.168.1.1',)),
    ('Will resetting the router lose my Wi-Fi name?', ('erases all your settings',)),
    ("What's the extension for the IT help desk?", ('extension 4400',)),
    ('What does a red light on the router mean?', ('no internet signal from the provider',)),
    ('What time does the bus set off on Wednesday?', ('8:15 am',)),
    ('How much is the school trip?', ('£145',)),
    ("What should I do with my child's medication?", ('hand it to Mrs Patel',)),
    ("When's the deadline for paying for the trip?", ('by 28 March',)),
    ('What time should I turn up on my first day?', ('9:30 am',)),
    ('How long does the health and safety course take?', ('about forty minutes',)),
    ('Do I have to work nine to five?', ('Core hours are 10 am to 4 pm',)),
    ('Who covers the cost of lunch on my first day?', ('paid for by the company',)),
    ('How cold should the fridges be?', ('between 0 and 5°C',)),
    ('What if the freezer temperature is wrong?', ('tell the supervisor immediately',)),
    ("What's the second thing to do when opening the kitchen?", ('clean apron and hat',)),
    ('What needs to be on before anyone lights the hob?', ('Turn on the extraction fans',)),
    ('Where does the signed closing sheet get left?', ('leaves it on the office desk',)),
    ('How much notice do I need to give before moving out?', ("two months' written notice",)),
    ('How soon will I get my deposit back?', ('within ten working days',)),
    ('What do I need to do about the gas and electric meters?', ('photos of the gas and electricity meter readings',)),
    ('Is there an admin charge on top of repair costs?', ('administration fee of £40',)),
    ("What's the latest I can drop off the keys?", ('before 5 pm',)),
    ("How do I update the router's firmware?", None),
    ('How do I set up a guest Wi-Fi network?', None),
    ('Will the children be going swimming at the centre?', None),
    ("What's the phone number of the outdoor centre?", None),
    ("What's the dress code at Brightwell?", None),
    ('How many days of annual leave do I get?', None),
    ('Where can I park on my first day?', None),
    ('How often does the grease trap need cleaning?', None),
    ('What temperature should hot food be held at?', None),
    ('Is there a fee if I return the keys late?', None),
]

"""The sixth folder of benchmarks/structured_documents.py: lists of facts, one per item.

A plain-text sheet of house rules (dash bullets under short headings) and a recipe (an
ingredients list, numbered steps, tips), where most questions ask for one fact that one item or
sentence holds ("When is rent due?", "What temperature should the oven be?"), not for a whole
list. The documents, 22 questions and 4 near-misses were written by a helper agent asked to play
a first-time user (documents first, then questions in its own words, typos included, before
seeing any answer; 2026-12-02). A question is right when the first passage holds the item or
sentence that answers it; `benchmarks.structured_documents` also counts the right answers given
as a whole list of several items.
"""

from __future__ import annotations

DOCUMENTS: dict[str, str] = {
    "house_rules.txt": """HOUSE RULES – 14 Maple Court (shared house)

These rules are part of your tenancy agreement. Please read them carefully and keep this sheet.

Rent and bills
- Rent is due on the 5th of every month by bank transfer to the landlord's account.
- Rent paid more than 14 days late may be charged interest at 3% above the Bank of England base rate.
- Electricity, gas and internet are included in the rent, up to a fair-use limit of £60 per person per month.
- Council tax is paid by each tenant separately.

Noise and guests
- Quiet hours are from 11 pm to 7 am every night.
- Overnight guests are allowed for up to three nights in any one month.
- Tenants must tell their housemates in advance if a guest is staying overnight.
- Parties are not allowed in the house.

Kitchen and cleaning
- Wash, dry and put away your dishes on the same day you use them.
- The cleaning rota is on the fridge; the shared areas are cleaned every Sunday.
- A professional cleaner deep-cleans the kitchen and bathrooms once a month, on the first Monday.
- Bins go out on Wednesday night for Thursday morning collection.
- Recycling is collected every other Thursday; the blue bin is for paper and cardboard, the green bin for glass.

Safety
- Smoking and vaping are not allowed anywhere inside the house or in the garden.
- Candles and oil burners are not allowed in bedrooms.
- Do not prop open fire doors, and never disconnect the smoke alarms.
- Bicycles must be kept in the shed, not in the hallway.

Pets and decorating
- No pets are allowed, except fish in a tank smaller than 60 litres.
- You may put up pictures using removable adhesive strips only; do not drill or nail into the walls.
- Bedrooms may not be painted without the landlord's written permission.

Repairs and contact
- Report any repairs using the online form on the landlord's website.
- For emergencies such as a burst pipe, a gas leak or no heating in winter, call the landlord on 07700 900 123 at any time.
- The landlord will give at least 24 hours' notice before visiting, except in an emergency.

Moving out
- Tenants must give two months' written notice to end the tenancy.
- The deposit is five weeks' rent and is protected in a government-approved deposit scheme.
- The deposit is returned within 10 days of agreeing the check-out report.
- Keys must be handed back by 12 noon on the last day of the tenancy.
""",
    "banana_bread.txt": """Grandma Rosa's Banana Bread

This is a moist, easy banana bread that uses very ripe bananas. It makes one loaf, which is about 10 slices.

Ingredients:
- 3 very ripe bananas, mashed
- 75 g melted butter
- 150 g light brown sugar
- 1 large egg, beaten
- 1 teaspoon vanilla extract
- 1 teaspoon baking soda
- a pinch of salt
- 190 g plain flour
- 50 g chopped walnuts (optional)

Method:
1. Preheat the oven to 175°C (155°C fan) and grease a 2 lb loaf tin.
2. In a large bowl, mash the bananas with a fork until smooth.
3. Stir the melted butter into the mashed bananas.
4. Mix in the baking soda and salt.
5. Stir in the sugar, beaten egg and vanilla extract.
6. Fold in the flour gently until just combined; do not overmix.
7. Add the walnuts if you are using them.
8. Pour the batter into the prepared tin and smooth the top.
9. Bake for 55 to 65 minutes, until a skewer inserted into the centre comes out clean.
10. Leave the bread to cool in the tin for 10 minutes, then turn it out onto a wire rack.

Tips:
The riper the bananas, the sweeter the bread will be; brown or black skins are perfect.
If the top browns too quickly, cover the tin loosely with foil for the last 15 minutes.
You can replace the walnuts with chocolate chips for a treat the kids will love.
For a dairy-free version, use 75 ml of sunflower oil instead of the butter.

Storage:
Wrap the cooled bread in cling film and keep it at room temperature for up to three days.
The bread also freezes well for up to three months.
Thaw frozen slices overnight in the fridge or toast them straight from frozen.
""",
}

QUESTIONS: list[tuple[str, tuple[str | tuple[str, ...], ...] | None]] = [
    ("what temperature should the oven be for banana bread?", ("Preheat the oven to 175",)),
    ("how lnog do i bake the bannana bread", ("Bake for 55 to 65 minutes",)),
    ("how many bananas do I need?", ("3 very ripe bananas",)),
    ("can I make the banana bread without butter?", ("For a dairy-free version",)),
    ("how do I know when the loaf is done?", ("until a skewer",)),
    ("how long does banana bread keep?", ("keep it at room temperature for up to three days",)),
    ("can i freeze the banana bread", ("The bread also freezes well",)),
    ("the top of my loaf is getting too dark, what do I do?", ("If the top browns too quickly",)),
    ("how much flour goes in?", ("190 g plain flour",)),
    ("what can I use instead of nuts?", ("replace the walnuts with chocolate chips",)),
    ("when is rent due?", ("Rent is due on the 5th",)),
    ("are bills included in the rent?", ("Electricity, gas and internet are included",)),
    ("can my boyfriend stay over?", ("Overnight guests are allowed",)),
    ("what night do the bins go out?", ("Bins go out on Wednesday night",)),
    ("can I have a cat?", ("No pets are allowed",)),
    ("can I hang pictures on my bedroom wall?", ("removable adhesive strips",)),
    ("where do I keep my bike?", ("Bicycles must be kept in the shed",)),
    ("who do I call if a pipe bursts?", ("such as a burst pipe",)),
    ("how much notice do I need to give to move out?", ("two months' written notice",)),
    ("when will I get my deposit back?", ("The deposit is returned within 10 days",)),
    ("is smoking allowed in the garden?", ("Smoking and vaping are not allowed",)),
    ("what are the quiet hours?", ("Quiet hours are from 11 pm",)),
    ("can I use gluten free flour in the banana bread?", None),
    ("how many calories are in a slice of banana bread?", None),
    ("when can I use the washing machine?", None),
    ("how much is the rent at Maple Court?", None),
]

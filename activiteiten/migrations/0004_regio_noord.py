"""The holidays of regio Noord and the public holidays of 2025-2026 and 2026-2027, so a new
installation has its calendar (later years: `manage.py shell -c` with kalender.seed_regio_noord,
or the demo)."""

from django.db import migrations


def seed(apps, schema_editor):
    from activiteiten.kalender import seed_regio_noord

    model = apps.get_model("activiteiten", "Sluiting")
    for startjaar in (2025, 2026):
        seed_regio_noord(startjaar=startjaar, model=model)


class Migration(migrations.Migration):
    dependencies = [("activiteiten", "0003_activiteit_uitnodiging")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

from django.db import migrations


def zaai(apps, schema_editor):
    from subsidies.regelingen import zaai_regelingen

    Regeling = apps.get_model("subsidies", "Regeling")
    for bestuur in apps.get_model("familieschool", "Bestuur").objects.all():
        zaai_regelingen(bestuur, Regeling)


class Migration(migrations.Migration):
    dependencies = [("subsidies", "0001_initial")]

    operations = [migrations.RunPython(zaai, migrations.RunPython.noop)]

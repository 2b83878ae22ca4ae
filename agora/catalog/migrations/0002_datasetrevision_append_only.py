from django.db import migrations

from agora.core.append_only import install, uninstall


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            install("catalog_datasetrevision"), uninstall("catalog_datasetrevision")
        ),
    ]

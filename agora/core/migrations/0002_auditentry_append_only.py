from django.db import migrations

from agora.core.append_only import install, uninstall


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(install("core_auditentry"), uninstall("core_auditentry")),
    ]

# Decisions and remarks are part of the report's life and now belong to the
# selfassessment app (selfassessment/migrations/0003). Only Django's model state
# changes here; the tables are taken over and renamed there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Remark'),
                migrations.DeleteModel(name='Decision'),
            ],
            database_operations=[],
        ),
    ]

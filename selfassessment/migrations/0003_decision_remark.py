# Decisions and remarks move here from the review app: the model state is taken
# over with the existing tables (no data copied), then the tables get this app's names.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('selfassessment', '0002_report_accepted_at_report_assigned_expert'),
        ('review', '0002_decisions_move_to_selfassessment'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('submission_number', models.PositiveSmallIntegerField(verbose_name='за подадена версия №')),
                        ('kind', models.CharField(choices=[('returned', 'върнат за корекция'), ('accepted', 'приет'), ('reopened', 'отворен отново')], max_length=10, verbose_name='решение')),
                        ('reason', models.TextField(blank=True, verbose_name='мотиви')),
                        ('due_date', models.DateField(blank=True, null=True, verbose_name='срок за корекция')),
                        ('decided_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='кога')),
                        ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='selfassessment.report')),
                    ],
                    options={
                        'verbose_name': 'решение',
                        'verbose_name_plural': 'решения',
                        'ordering': ['report', 'decided_at', 'pk'],
                        'db_table': 'review_decision',
                    },
                ),
                migrations.CreateModel(
                    name='Remark',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('field', models.CharField(blank=True, max_length=60, verbose_name='поле')),
                        ('text', models.TextField(max_length=4000, verbose_name='забележка')),
                        ('decision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='remarks', to='selfassessment.decision')),
                    ],
                    options={
                        'verbose_name': 'забележка',
                        'verbose_name_plural': 'забележки',
                        'ordering': ['decision', 'pk'],
                        'db_table': 'review_remark',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='decision', table=None),
        migrations.AlterModelTable(name='remark', table=None),
    ]

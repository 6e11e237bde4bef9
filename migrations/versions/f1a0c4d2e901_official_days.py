"""official 放假/调休 days staff enter per year (core.calendar.OfficialDay)

Revision ID: f1a0c4d2e901
Revises: d1a7c3e9f2b4
Create Date: 2026-12-01 12:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f1a0c4d2e901'
down_revision = 'd1a7c3e9f2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('official_days',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('note', sa.String(length=120), nullable=False),
    sa.Column('entered_by', sa.String(length=80), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_official_days'))
    )
    with op.batch_alter_table('official_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_days_year'), ['year'], unique=False)


def downgrade():
    with op.batch_alter_table('official_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_days_year'))
    op.drop_table('official_days')

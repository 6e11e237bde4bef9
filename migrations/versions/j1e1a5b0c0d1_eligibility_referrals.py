"""政策找人: anonymous counts of the items residents were pointed to (eligibility.models.ReferralCount)

Revision ID: j1e1a5b0c0d1
Revises: h1a1c0nvd1a1
Create Date: 2026-12-01 13:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'j1e1a5b0c0d1'
down_revision = 'h1a1c0nvd1a1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('eligibility_referrals',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('item', sa.String(length=8), nullable=False),
    sa.Column('likely', sa.Integer(), server_default='0', nullable=False),
    sa.Column('possible', sa.Integer(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint('day', 'item', name=op.f('pk_eligibility_referrals'))
    )


def downgrade():
    op.drop_table('eligibility_referrals')

"""A ticket's close note: what staff recorded when ending it (shown on the ticket and in the audit log)

Revision ID: t16d2c9a4e7b1
Revises: e5c1d3a7b9f0
Create Date: 2026-12-01 22:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = 't16d2c9a4e7b1'
down_revision = 'e5c1d3a7b9f0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('close_note', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_column('close_note')

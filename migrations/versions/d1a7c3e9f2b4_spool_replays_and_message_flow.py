"""spool replays table; message_log.flow

Revision ID: d1a7c3e9f2b4
Revises: b1c5e55a0001
Create Date: 2026-12-01 12:20:00

spool_replays: each spooled delivery is replayed once (bot.spool).
message_log.flow: the form open after a message, so a resident whose form
state Redis lost is told the form was interrupted (bot.engine).
"""
from alembic import op
import sqlalchemy as sa


revision = 'd1a7c3e9f2b4'
down_revision = 'b1c5e55a0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('spool_replays',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_spool_replays'))
    )
    with op.batch_alter_table('spool_replays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spool_replays_at'), ['at'], unique=False)
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('flow', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.drop_column('flow')
    with op.batch_alter_table('spool_replays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spool_replays_at'))
    op.drop_table('spool_replays')

"""Admin lists at scale: audit log by person and by object; dashboard outcomes per day from one index

Revision ID: k16a5ca1e0d1
Revises: n1u5ca1b0001
Create Date: 2026-12-01 16:00:00

"""
from alembic import op


revision = 'k16a5ca1e0d1'
down_revision = 'n1u5ca1b0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_actor_at', ['actor', 'at'], unique=False)
        batch_op.create_index('ix_audit_entries_target', ['target'], unique=False,
                              postgresql_ops={'target': 'varchar_pattern_ops'})
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.create_index('ix_message_log_at_outcome', ['at', 'outcome'], unique=False)
        batch_op.drop_index('ix_message_log_at')


def downgrade():
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.create_index('ix_message_log_at', ['at'], unique=False)
        batch_op.drop_index('ix_message_log_at_outcome')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_target')
        batch_op.drop_index('ix_audit_entries_actor_at')

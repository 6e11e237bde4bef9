"""Learned-understanding artefacts in the database (knowledge.models.NluModel)

Revision ID: n1u5ca1b0001
Revises: p16b0c4e7a2f1
Create Date: 2026-12-01 16:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'n1u5ca1b0001'
down_revision = "p16b0c4e7a2f1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('nlu_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('knowledge_version', sa.Integer(), nullable=False),
    sa.Column('built_at', sa.DateTime(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nlu_models'))
    )
    with op.batch_alter_table('nlu_models', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nlu_models_knowledge_version'), ['knowledge_version'], unique=False)


def downgrade():
    with op.batch_alter_table('nlu_models', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nlu_models_knowledge_version'))

    op.drop_table('nlu_models')

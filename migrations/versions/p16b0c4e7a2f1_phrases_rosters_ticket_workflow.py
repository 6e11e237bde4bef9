"""常用语 (phrases), organisations' volunteer rosters, and the 转人工 workflow on tickets

Ticket times are filled from the messages already on them, and the assignee's
account from the name shown, where exactly one account has it.

Revision ID: p16b0c4e7a2f1
Revises: j1e1a5b0c0d1
Create Date: 2026-12-01 15:13:57

"""
from alembic import op
import sqlalchemy as sa


revision = 'p16b0c4e7a2f1'
down_revision = 'j1e1a5b0c0d1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organization_volunteers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=False),
    sa.Column('added_by', sa.String(length=64), server_default='', nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                            name=op.f('fk_organization_volunteers_organization_id_organizations')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['volunteers.id'],
                            name=op.f('fk_organization_volunteers_volunteer_id_volunteers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_volunteers')),
    sa.UniqueConstraint('organization_id', 'volunteer_id',
                        name=op.f('uq_organization_volunteers_organization_id'))
    )
    with op.batch_alter_table('organization_volunteers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_volunteers_organization_id'), ['organization_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_organization_volunteers_volunteer_id'), ['volunteer_id'], unique=False)

    op.create_table('phrases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('use', sa.String(length=32), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated_by', sa.String(length=64), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                            name=op.f('fk_phrases_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phrases'))
    )
    with op.batch_alter_table('phrases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phrases_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phrases_use'), ['use'], unique=False)

    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assignee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('resident_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('staff_at', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tickets_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tickets_resident_at'), ['resident_at'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tickets_assignee_id_users'), 'users', ['assignee_id'], ['id'])

    op.execute("""UPDATE tickets SET
        resident_at = (SELECT MAX(m.at) FROM ticket_messages m
                       WHERE m.ticket_id = tickets.id AND m.author = 'resident'),
        staff_at = (SELECT MAX(m.at) FROM ticket_messages m
                    WHERE m.ticket_id = tickets.id AND m.author = 'staff')""")
    op.execute("""UPDATE tickets SET assignee_id = (
        SELECT MIN(u.id) FROM users u WHERE u.display_name = tickets.assignee HAVING COUNT(*) = 1)
        WHERE assignee <> ''""")


def downgrade():
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tickets_assignee_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tickets_resident_at'))
        batch_op.drop_index(batch_op.f('ix_tickets_assignee_id'))
        batch_op.drop_column('staff_at')
        batch_op.drop_column('resident_at')
        batch_op.drop_column('assignee_id')

    with op.batch_alter_table('phrases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phrases_use'))
        batch_op.drop_index(batch_op.f('ix_phrases_organization_id'))

    op.drop_table('phrases')
    with op.batch_alter_table('organization_volunteers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_volunteers_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_organization_volunteers_organization_id'))

    op.drop_table('organization_volunteers')

"""Residents as (channel, id): a channel beside every resident id, in its indexes and keys

Rows written before get the channel they came from: an id that wrote on WeChat,
or never wrote (orders other systems filed), stays 'wechat'; an id the message
log has only from other channels (the simulator's and the terminal's names)
gets the channel it wrote from last. A downgrade fails while two channels share
an id in a table that allows one row per id (volunteers).

Revision ID: e5c1d3a7b9f0
Revises: k16a5ca1e0d1
Create Date: 2026-12-02 10:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'e5c1d3a7b9f0'
down_revision = 'k16a5ca1e0d1'
branch_labels = None
depends_on = None

# (table, id column, channel column, old index, new index) for plain indexed ids.
INDEXED = (
    ('applications', 'resident', 'channel', 'ix_applications_resident', 'ix_applications_resident_channel'),
    ('appointments', 'resident', 'channel', 'ix_appointments_resident', 'ix_appointments_resident_channel'),
    ('orders', 'resident', 'channel', 'ix_orders_resident', 'ix_orders_resident_channel'),
    ('tickets', 'resident', 'channel', 'ix_tickets_resident', 'ix_tickets_resident_channel'),
    ('notifications', 'resident', 'resident_channel', 'ix_notifications_resident',
     'ix_notifications_resident_channel'),
    ('wechat_bindings', 'openid', 'channel', 'ix_wechat_bindings_openid', 'ix_wechat_bindings_openid_channel'),
)
# Every table whose rows get their channel from the message log.
FILLED = tuple((t, i, c) for t, i, c, _, _ in INDEXED) + (
    ('volunteers', 'resident', 'channel'), ('notify_contacts', 'openid', 'channel'))


def _channel_column(name: str) -> sa.Column:
    return sa.Column(name, sa.String(length=16), server_default='wechat', nullable=False)


def upgrade():
    for table, id_column, channel, old, new in INDEXED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_channel_column(channel))
            batch_op.drop_index(old)
            batch_op.create_index(new, [id_column, channel], unique=False)
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.add_column(_channel_column('channel'))
        batch_op.drop_constraint('uq_volunteers_resident', type_='unique')
        batch_op.create_unique_constraint('uq_volunteers_resident_channel', ['resident', 'channel'])
    with op.batch_alter_table('notify_contacts', schema=None) as batch_op:
        batch_op.add_column(_channel_column('channel'))
        batch_op.drop_constraint('pk_notify_contacts', type_='primary')
        batch_op.create_primary_key('pk_notify_contacts', ['channel', 'openid'])
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.alter_column('channel', existing_type=sa.String(length=16), existing_nullable=False,
                              server_default='wechat')
        batch_op.drop_index('ix_message_log_resident')
        batch_op.create_index('ix_message_log_resident_channel', ['resident', 'channel'], unique=False)
    _fill_channels()


def _fill_channels() -> None:
    """Plain SQL, so `flask db upgrade --sql` writes it too; each probe uses the new log index."""
    for table, id_column, channel in FILLED:
        op.execute(f"""UPDATE {table} SET {channel} = (
            SELECT m.channel FROM message_log m WHERE m.resident = {table}.{id_column}
            ORDER BY m.at DESC, m.id DESC LIMIT 1)
            WHERE EXISTS (SELECT 1 FROM message_log m
                          WHERE m.resident = {table}.{id_column} AND m.channel <> 'wechat')
            AND NOT EXISTS (SELECT 1 FROM message_log m
                            WHERE m.resident = {table}.{id_column} AND m.channel = 'wechat')""")


def downgrade():
    with op.batch_alter_table('message_log', schema=None) as batch_op:
        batch_op.drop_index('ix_message_log_resident_channel')
        batch_op.create_index('ix_message_log_resident', ['resident'], unique=False)
        batch_op.alter_column('channel', existing_type=sa.String(length=16), existing_nullable=False,
                              server_default=None)
    # One contact row per openid again: WeChat's wins over another channel's with the same id.
    op.execute("DELETE FROM notify_contacts WHERE channel <> 'wechat' AND openid IN "
               "(SELECT openid FROM notify_contacts WHERE channel = 'wechat')")
    with op.batch_alter_table('notify_contacts', schema=None) as batch_op:
        batch_op.drop_constraint('pk_notify_contacts', type_='primary')
        batch_op.create_primary_key('pk_notify_contacts', ['openid'])
        batch_op.drop_column('channel')
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.drop_constraint('uq_volunteers_resident_channel', type_='unique')
        batch_op.create_unique_constraint('uq_volunteers_resident', ['resident'])
        batch_op.drop_column('channel')
    for table, id_column, channel, old, new in reversed(INDEXED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(new)
            batch_op.create_index(old, [id_column], unique=False)
            batch_op.drop_column(channel)

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AccountsView</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n account</numerusform>
                <numerusform>%n accounts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es)</source>
            <translation>
                <numerusform>%n match</numerusform>
                <numerusform>%n matches</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n account</numerusform>
                <numerusform>%n accounts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) not yet synced</source>
            <translation>
                <numerusform>%n change not yet synced</numerusform>
                <numerusform>%n changes not yet synced</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n opportunity(s)</source>
            <translation>
                <numerusform>%n opportunity</numerusform>
                <numerusform>%n opportunities</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation>
                <numerusform>%n contract</numerusform>
                <numerusform>%n contracts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s)</source>
            <translation>
                <numerusform>%n note</numerusform>
                <numerusform>%n notes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n task</numerusform>
                <numerusform>%n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform> and %n more</numerusform>
                <numerusform> and %n more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>passed %n day(s) ago</source>
            <translation>
                <numerusform>passed %n day ago</numerusform>
                <numerusform>passed %n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Trip briefs (%n account(s))</source>
            <translation>
                <numerusform>Trip briefs (%n account)</numerusform>
                <numerusform>Trip briefs (%n accounts)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Preparing %n brief(s)…</source>
            <translation>
                <numerusform>Preparing %n brief…</numerusform>
                <numerusform>Preparing %n briefs…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n champion(s)</source>
            <translation>
                <numerusform>%n champion</numerusform>
                <numerusform>%n champions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n detractor(s)</source>
            <translation>
                <numerusform>%n detractor</numerusform>
                <numerusform>%n detractors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n day late</numerusform>
                <numerusform>%n days late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n day</numerusform>
                <numerusform>in %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>%n day ago</numerusform>
                <numerusform>%n days ago</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n account(s) shown</source>
            <translation>
                <numerusform>%n account shown</numerusform>
                <numerusform>%n accounts shown</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutboxDialog</name>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent.</source>
            <translation>
                <numerusform>%n change waiting to be sent.</numerusform>
                <numerusform>%n changes waiting to be sent.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back: the CRM sent values Fieldbook cannot take, so they are not in your book yet. They are asked for again at every sync.</source>
            <translation>
                <numerusform>%n record held back: the CRM sent values Fieldbook cannot take, so they are not in your book yet. They are asked for again at every sync.</numerusform>
                <numerusform>%n records held back: the CRM sent values Fieldbook cannot take, so they are not in your book yet. They are asked for again at every sync.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more.</source>
            <translation>
                <numerusform>… and %n more.</numerusform>
                <numerusform>… and %n more.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>• and %n more.</source>
            <translation>
                <numerusform>• and %n more.</numerusform>
                <numerusform>• and %n more.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Discard %n change(s)? This cannot be undone.</source>
            <translation>
                <numerusform>Discard %n change? This cannot be undone.</numerusform>
                <numerusform>Discard %n changes? This cannot be undone.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message numerus="yes">
            <source>… and %n more, the latest closing last</source>
            <translation>
                <numerusform>… and %n more, the latest closing last</numerusform>
                <numerusform>… and %n more, the latest closing last</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open · {} in total</source>
            <translation>
                <numerusform>%n open · {} in total</numerusform>
                <numerusform>%n open · {} in total</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message numerus="yes">
            <source>Please correct the %n highlighted field(s).</source>
            <translation>
                <numerusform>Please correct the %n highlighted field.</numerusform>
                <numerusform>Please correct the %n highlighted fields.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RenewalsView</name>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation>
                <numerusform>%n contract</numerusform>
                <numerusform>%n contracts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with notice due within {days} days</source>
            <translation>
                <numerusform>%n with notice due within {days} days</numerusform>
                <numerusform>%n with notice due within {days} days</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n conflict</numerusform>
                <numerusform>%n conflicts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back</source>
            <translation>
                <numerusform>%n record held back</numerusform>
                <numerusform>%n records held back</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back: the CRM sent values Fieldbook cannot take. They are asked for again at every sync; the outbox says why.</source>
            <translation>
                <numerusform>%n record held back: the CRM sent values Fieldbook cannot take. They are asked for again at every sync; the outbox says why.</numerusform>
                <numerusform>%n records held back: the CRM sent values Fieldbook cannot take. They are asked for again at every sync; the outbox says why.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TripPackDialog</name>
        <message numerus="yes">
            <source>%n account(s) selected</source>
            <translation>
                <numerusform>%n account selected</numerusform>
                <numerusform>%n accounts selected</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>box</name>
        <message numerus="yes">
            <source>%n change(s) have not reached the CRM yet. Removing the local copy loses them.</source>
            <translation>
                <numerusform>%n change has not reached the CRM yet. Removing the local copy loses it.</numerusform>
                <numerusform>%n changes have not reached the CRM yet. Removing the local copy loses them.</numerusform>
            </translation>
        </message>
    </context>
</TS>

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
                <numerusform>%n change have not reached the CRM yet. Removing the local copy loses them.</numerusform>
                <numerusform>%n changes have not reached the CRM yet. Removing the local copy loses them.</numerusform>
            </translation>
        </message>
    </context>
</TS>

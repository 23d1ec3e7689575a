<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>AccountListModel</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Stadt</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>Branche</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Churn risk</source>
            <translation>Abwanderungsrisiko</translation>
        </message>
        <message>
            <source>Next review</source>
            <translation>Nächstes Review</translation>
        </message>
        <message>
            <source>Open pipeline</source>
            <translation>Offene Pipeline</translation>
        </message>
        <message>
            <source>Part of {}</source>
            <translation>Teil von {}</translation>
        </message>
    </context>
    <context>
        <name>AccountsView</name>
        <message>
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Filter by name, city or industry</source>
            <translation>Nach Name, Stadt oder Branche filtern</translation>
        </message>
        <message>
            <source>All tiers</source>
            <translation>Alle Stufen</translation>
        </message>
        <message>
            <source>Any health</source>
            <translation>Jeder Zustand</translation>
        </message>
        <message>
            <source>Any churn risk</source>
            <translation>Jedes Abwanderungsrisiko</translation>
        </message>
        <message>
            <source>All cities</source>
            <translation>Alle Städte</translation>
        </message>
        <message>
            <source>All owners</source>
            <translation>Alle Betreuer</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Filter zurücksetzen</translation>
        </message>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n Konto</numerusform>
                <numerusform>%n Konten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es)</source>
            <translation>
                <numerusform>%n Treffer</numerusform>
                <numerusform>%n Treffer</numerusform>
            </translation>
        </message>
        <message>
            <source>No accounts match</source>
            <translation>Keine passenden Konten</translation>
        </message>
        <message>
            <source>Nothing in your book matches these filters. Try fewer words, or clear the filters.</source>
            <translation>Nichts in Ihrem Kundenbestand passt zu diesen Filtern. Versuchen Sie weniger Wörter oder setzen Sie die Filter zurück.</translation>
        </message>
        <message>
            <source>Your book of business is empty</source>
            <translation>Ihr Kundenbestand ist leer</translation>
        </message>
        <message>
            <source>Add your first account with File › New Account (Ctrl+Shift+A), or connect to your CRM from the Sync menu to bring your accounts here.</source>
            <translation>Legen Sie Ihr erstes Konto über Datei › Neues Konto (Strg+Umschalt+A) an, oder verbinden Sie sich im Menü Synchronisierung mit Ihrem CRM, um Ihre Konten hierher zu holen.</translation>
        </message>
    </context>
    <context>
        <name>Brief</name>
        <message>
            <source>{} tier</source>
            <translation>Stufe {}</translation>
        </message>
        <message>
            <source>Owner: {}</source>
            <translation>Betreuer: {}</translation>
        </message>
        <message>
            <source>Part of {}</source>
            <translation>Teil von {}</translation>
        </message>
        <message>
            <source>Subsidiaries: {}</source>
            <translation>Tochtergesellschaften: {}</translation>
        </message>
        <message>
            <source>Account brief</source>
            <translation>Kunden-Briefing</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>Annual revenue</source>
            <translation>Jahresumsatz</translation>
        </message>
        <message>
            <source>Weighted pipeline</source>
            <translation>Gew. Pipeline</translation>
        </message>
        <message>
            <source>of {} open</source>
            <translation>von {} offen</translation>
        </message>
        <message>
            <source>no open deals</source>
            <translation>keine offenen Geschäfte</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Churn risk</source>
            <translation>Abwanderung</translation>
        </message>
        <message>
            <source>Review {}</source>
            <translation>Review {}</translation>
        </message>
        <message>
            <source>NPS</source>
            <translation>NPS</translation>
        </message>
        <message>
            <source>Talking points</source>
            <translation>Gesprächspunkte</translation>
        </message>
        <message>
            <source>Nothing pressing: a good day to ask about their plans.</source>
            <translation>Nichts Dringendes: ein guter Tag, um nach ihren Plänen zu fragen.</translation>
        </message>
        <message>
            <source>and {} more in the sections below</source>
            <translation>und {} weitere in den Abschnitten unten</translation>
        </message>
        <message>
            <source>Contracts and renewals</source>
            <translation>Verträge und Verlängerungen</translation>
        </message>
        <message>
            <source>No contracts on record.</source>
            <translation>Keine Verträge erfasst.</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>Vertrag</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Endet</translation>
        </message>
        <message>
            <source>Notice by</source>
            <translation>Kündigung bis</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>Kündigung</translation>
        </message>
        <message>
            <source>Auto-renew</source>
            <translation>Automatische Verlängerung</translation>
        </message>
        <message>
            <source>passed {}</source>
            <translation>verstrichen {}</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>Beendet</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>Weighted {} of {}</source>
            <translation>Gewichtet {} von {}</translation>
        </message>
        <message>
            <source>Open opportunities</source>
            <translation>Offene Verkaufschancen</translation>
        </message>
        <message>
            <source>No open opportunities.</source>
            <translation>Keine offenen Verkaufschancen.</translation>
        </message>
        <message>
            <source>Opportunity</source>
            <translation>Verkaufschance</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <source>Prob.</source>
            <translation>Wahrsch.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Abschluss</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>Nächster Schritt</translation>
        </message>
        <message>
            <source>vs {}</source>
            <translation>gegen {}</translation>
        </message>
        <message>
            <source>People who matter</source>
            <translation>Wichtige Personen</translation>
        </message>
        <message>
            <source>No stakeholders mapped yet.</source>
            <translation>Noch keine Ansprechpartner erfasst.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <source>Stance</source>
            <translation>Haltung</translation>
        </message>
        <message>
            <source>Reports to</source>
            <translation>Berichtet an</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>Letzter Kontakt</translation>
        </message>
        <message>
            <source>({} d)</source>
            <translation>({} T.)</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <source>Escalations and risks in recent notes</source>
            <translation>Eskalationen und Risiken in neuen Notizen</translation>
        </message>
        <message>
            <source>What happened lately</source>
            <translation>Was zuletzt geschah</translation>
        </message>
        <message>
            <source>No notes yet.</source>
            <translation>Noch keine Notizen.</translation>
        </message>
        <message>
            <source>{} overdue</source>
            <translation>{} überfällig</translation>
        </message>
        <message>
            <source>Open tasks and follow-ups</source>
            <translation>Offene Aufgaben und Nachfassaktionen</translation>
        </message>
        <message>
            <source>No open tasks.</source>
            <translation>Keine offenen Aufgaben.</translation>
        </message>
        <message>
            <source>no date</source>
            <translation>kein Datum</translation>
        </message>
        <message>
            <source>high priority</source>
            <translation>hohe Priorität</translation>
        </message>
        <message>
            <source>Fieldbook · account brief</source>
            <translation>Fieldbook · Kunden-Briefing</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Ort</translation>
        </message>
        <message>
            <source>Next notice</source>
            <translation>Nächste Kündigungsfrist</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>Punkte</translation>
        </message>
        <message>
            <source>Page</source>
            <translation>Seite</translation>
        </message>
        <message>
            <source>Trip briefs</source>
            <translation>Reise-Briefings</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>Inhalt</translation>
        </message>
        <message>
            <source>Fieldbook · trip briefs</source>
            <translation>Fieldbook · Reise-Briefings</translation>
        </message>
        <message>
            <source>{} (continued)</source>
            <translation>{} (Fortsetzung)</translation>
        </message>
        <message>
            <source>Page {} of {}</source>
            <translation>Seite {} von {}</translation>
        </message>
        <message>
            <source>Could not start writing the pages (is the file open elsewhere?).</source>
            <translation>Die Seiten konnten nicht geschrieben werden (ist die Datei anderswo geöffnet?).</translation>
        </message>
        <message>
            <source>Account briefs</source>
            <translation>Kunden-Briefings</translation>
        </message>
        <message>
            <source>As of {}</source>
            <translation>Stand {}</translation>
        </message>
        <message>
            <source>Never synced</source>
            <translation>Nie synchronisiert</translation>
        </message>
        <message>
            <source>Last sync {}</source>
            <translation>Letzte Synchronisierung {}</translation>
        </message>
        <message>
            <source>All changes synced</source>
            <translation>Alle Änderungen synchronisiert</translation>
        </message>
        <message>
            <source>No local changes</source>
            <translation>Keine lokalen Änderungen</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Escalation</source>
            <translation>Eskalation</translation>
        </message>
        <message>
            <source>Outage</source>
            <translation>Ausfall</translation>
        </message>
        <message>
            <source>SLA</source>
            <translation>SLA</translation>
        </message>
        <message>
            <source>Churn</source>
            <translation>Abwanderung</translation>
        </message>
        <message>
            <source>Cancellation</source>
            <translation>Stornierung</translation>
        </message>
        <message>
            <source>Termination</source>
            <translation>Kündigung</translation>
        </message>
        <message>
            <source>Competitor</source>
            <translation>Wettbewerber</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>Beschwerde</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation>Störung</translation>
        </message>
        <message>
            <source>Breach</source>
            <translation>Verletzung</translation>
        </message>
        <message>
            <source>Frustration</source>
            <translation>Frust</translation>
        </message>
        <message>
            <source>escalation</source>
            <translation>die Eskalation</translation>
        </message>
        <message>
            <source>outage</source>
            <translation>den Ausfall</translation>
        </message>
        <message>
            <source>SLA breach</source>
            <translation>die SLA-Verletzung</translation>
        </message>
        <message>
            <source>churn</source>
            <translation>die Abwanderung</translation>
        </message>
        <message>
            <source>cancellation</source>
            <translation>die Stornierung</translation>
        </message>
        <message>
            <source>termination</source>
            <translation>die Kündigung</translation>
        </message>
        <message>
            <source>competitor</source>
            <translation>den Wettbewerber</translation>
        </message>
        <message>
            <source>complaint</source>
            <translation>die Beschwerde</translation>
        </message>
        <message>
            <source>incident</source>
            <translation>die Störung</translation>
        </message>
        <message>
            <source>breach</source>
            <translation>die Verletzung</translation>
        </message>
        <message>
            <source>frustration</source>
            <translation>den Frust</translation>
        </message>
        <message>
            <source>Renewal: notice on {number} is due by {deadline} ({days}).</source>
            <translation>Verlängerung: Kündigung von {number} ist bis {deadline} fällig ({days}).</translation>
        </message>
        <message>
            <source>It renews on its own unless notice is given: confirm intent.</source>
            <translation>Er verlängert sich automatisch, wenn nicht gekündigt wird: Absicht bestätigen.</translation>
        </message>
        <message>
            <source>It does not auto-renew: agree the renewal now.</source>
            <translation>Er verlängert sich nicht automatisch: Verlängerung jetzt vereinbaren.</translation>
        </message>
        <message>
            <source>Notice deadline on {number} passed {ago}; the contract ends {end}.</source>
            <translation>Die Kündigungsfrist von {number} ist {ago} verstrichen; der Vertrag endet am {end}.</translation>
        </message>
        <message>
            <source>{name} ({stage}) was due to close {ago}: reset the close date or the plan.</source>
            <translation>{name} ({stage}) sollte {ago} abgeschlossen sein: Abschlussdatum oder Plan anpassen.</translation>
        </message>
        <message>
            <source>{name} has gone quiet: last note {date}. Ask what it takes to move.</source>
            <translation>{name} ist still geworden: letzte Notiz {date}. Fragen Sie, was es zum Weiterkommen braucht.</translation>
        </message>
        <message>
            <source>{name} has no notes yet: ask what it takes to move.</source>
            <translation>{name} hat noch keine Notizen: Fragen Sie, was es zum Weiterkommen braucht.</translation>
        </message>
        <message>
            <source>Champion {name} not contacted for {days} days: reconnect first.</source>
            <translation>Fürsprecher {name} seit {days} Tagen nicht kontaktiert: zuerst wieder Kontakt aufnehmen.</translation>
        </message>
        <message>
            <source>Champion {name} has never been contacted: reconnect first.</source>
            <translation>Fürsprecher {name} wurde noch nie kontaktiert: zuerst Kontakt aufnehmen.</translation>
        </message>
        <message>
            <source>No champion among the stakeholders: who will sell for us inside?</source>
            <translation>Kein Fürsprecher unter den Ansprechpartnern: Wer verkauft intern für uns?</translation>
        </message>
        <message>
            <source>Business review overdue since {date}: propose a date.</source>
            <translation>Business Review seit {date} überfällig: einen Termin vorschlagen.</translation>
        </message>
        <message>
            <source>No business review since {date}: propose one.</source>
            <translation>Kein Business Review seit {date}: eines vorschlagen.</translation>
        </message>
        <message>
            <source>No business review on record: propose one.</source>
            <translation>Kein Business Review erfasst: eines vorschlagen.</translation>
        </message>
        <message>
            <source>Health is red: {reason}. Say what is being done.</source>
            <translation>Zustand ist rot: {reason}. Sagen Sie, was dagegen getan wird.</translation>
        </message>
        <message>
            <source>Health is red. Say what is being done.</source>
            <translation>Zustand ist rot. Sagen Sie, was dagegen getan wird.</translation>
        </message>
        <message>
            <source>High churn risk: {reason}.</source>
            <translation>Hohes Abwanderungsrisiko: {reason}.</translation>
        </message>
        <message>
            <source>High churn risk.</source>
            <translation>Hohes Abwanderungsrisiko.</translation>
        </message>
        <message>
            <source>NPS is {nps}: ask what would make them recommend us.</source>
            <translation>NPS ist {nps}: Fragen Sie, was sie zu einer Empfehlung bewegen würde.</translation>
        </message>
        <message>
            <source>{name} ({role}) is against us: plan how to win them over.</source>
            <translation>{name} ({role}) ist gegen uns: planen Sie, wie Sie sie oder ihn gewinnen.</translation>
        </message>
        <message>
            <source>Follow-up overdue: “{subject}” ({days} days late). Close it first.</source>
            <translation>Nachfassen überfällig: „{subject}“ ({days} Tage zu spät). Zuerst erledigen.</translation>
        </message>
        <message>
            <source>{count} follow-ups overdue, oldest “{subject}” ({days} days late).</source>
            <translation>{count} Nachfassaktionen überfällig, älteste „{subject}“ ({days} Tage zu spät).</translation>
        </message>
        <message>
            <source>Acknowledge the {words} raised on {date} (“{title}”).</source>
            <translation>Gehen Sie auf {words} vom {date} ein („{title}“).</translation>
        </message>
    </context>
    <context>
        <name>BriefExport</name>
        <message>
            <source>Brief - {}</source>
            <translation>Briefing - {}</translation>
        </message>
        <message>
            <source>Export briefs as PDF</source>
            <translation>Briefings als PDF exportieren</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Preparing brief…</source>
            <translation>Briefing wird vorbereitet…</translation>
        </message>
        <message>
            <source>Export PDF</source>
            <translation>PDF exportieren</translation>
        </message>
        <message>
            <source>Writing pages…</source>
            <translation>Seiten werden geschrieben…</translation>
        </message>
        <message>
            <source>Print brief</source>
            <translation>Briefing drucken</translation>
        </message>
    </context>
    <context>
        <name>BriefView</name>
        <message>
            <source>Click a line to open the record it comes from.</source>
            <translation>Klicken Sie auf eine Zeile, um den zugehörigen Datensatz zu öffnen.</translation>
        </message>
        <message>
            <source>Export PDF…</source>
            <translation>PDF exportieren…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Drucken…</translation>
        </message>
        <message>
            <source>This account is no longer in your book.</source>
            <translation>Dieses Konto ist nicht mehr in Ihrem Bestand.</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Resolve conflicts — {}</source>
            <translation>Konflikte lösen — {}</translation>
        </message>
        <message>
            <source>This record was changed both on this computer and in the CRM. For each item, choose what to keep. Until you do, your version stays here and is not sent.</source>
            <translation>Dieser Datensatz wurde sowohl auf diesem Computer als auch im CRM geändert. Wählen Sie für jeden Punkt, was bleiben soll. Bis dahin bleibt Ihre Version hier und wird nicht gesendet.</translation>
        </message>
        <message>
            <source>Choose for every item first</source>
            <translation>Zuerst für jeden Punkt wählen</translation>
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation>
                <numerusform>%n Konto</numerusform>
                <numerusform>%n Konten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) not yet synced</source>
            <translation>
                <numerusform>%n Änderung noch nicht synchronisiert</numerusform>
                <numerusform>%n Änderungen noch nicht synchronisiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n Kontakt</numerusform>
                <numerusform>%n Kontakte</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n opportunity(s)</source>
            <translation>
                <numerusform>%n Verkaufschance</numerusform>
                <numerusform>%n Verkaufschancen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation>
                <numerusform>%n Vertrag</numerusform>
                <numerusform>%n Verträge</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s)</source>
            <translation>
                <numerusform>%n Notiz</numerusform>
                <numerusform>%n Notizen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n Aufgabe</numerusform>
                <numerusform>%n Aufgaben</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation>
                <numerusform> und %n weiteres</numerusform>
                <numerusform> und %n weitere</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>passed %n day(s) ago</source>
            <translation>
                <numerusform>vor %n Tag verstrichen</numerusform>
                <numerusform>vor %n Tagen verstrichen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Trip briefs (%n account(s))</source>
            <translation>
                <numerusform>Reise-Briefings (%n Konto)</numerusform>
                <numerusform>Reise-Briefings (%n Konten)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Preparing %n brief(s)…</source>
            <translation>
                <numerusform>%n Briefing wird vorbereitet…</numerusform>
                <numerusform>%n Briefings werden vorbereitet…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n champion(s)</source>
            <translation>
                <numerusform>%n Fürsprecher</numerusform>
                <numerusform>%n Fürsprecher</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n detractor(s)</source>
            <translation>
                <numerusform>%n Kritiker</numerusform>
                <numerusform>%n Kritiker</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n Tag zu spät</numerusform>
                <numerusform>%n Tage zu spät</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation>
                <numerusform>in %n Tag</numerusform>
                <numerusform>in %n Tagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation>
                <numerusform>vor %n Tag</numerusform>
                <numerusform>vor %n Tagen</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>Fieldbook is locked</source>
            <translation>Fieldbook ist gesperrt</translation>
        </message>
        <message>
            <source>Sign In…</source>
            <translation>Anmelden…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>This copy is locked</source>
            <translation>Diese Kopie ist gesperrt</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>Pipeline</translation>
        </message>
        <message>
            <source>Renewals</source>
            <translation>Verlängerungen</translation>
        </message>
        <message>
            <source>Brief</source>
            <translation>Briefing</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Suche</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <source>Back to the list (Alt+Left)</source>
            <translation>Zurück zur Liste (Alt+Links)</translation>
        </message>
        <message>
            <source>Search accounts, contacts, opportunities, notes…  (Ctrl+K)</source>
            <translation>Konten, Kontakte, Verkaufschancen, Notizen durchsuchen…  (Strg+K)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>New &amp;Note…</source>
            <translation>Neue &amp;Notiz…</translation>
        </message>
        <message>
            <source>&amp;Quick Note</source>
            <translation>&amp;Schnellnotiz</translation>
        </message>
        <message>
            <source>New &amp;Task…</source>
            <translation>Neue &amp;Aufgabe…</translation>
        </message>
        <message>
            <source>New &amp;Opportunity…</source>
            <translation>Neue &amp;Verkaufschance…</translation>
        </message>
        <message>
            <source>New &amp;Contact…</source>
            <translation>Neuer &amp;Kontakt…</translation>
        </message>
        <message>
            <source>New &amp;Account…</source>
            <translation>Neues K&amp;onto…</translation>
        </message>
        <message>
            <source>Export &amp;Briefs to PDF…</source>
            <translation>&amp;Briefings als PDF exportieren…</translation>
        </message>
        <message>
            <source>Briefs for a T&amp;rip…</source>
            <translation>Briefings für eine &amp;Reise…</translation>
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation>&amp;Einstellungen…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Rückgängig</translation>
        </message>
        <message>
            <source>&amp;Edit Account…</source>
            <translation>Konto &amp;bearbeiten…</translation>
        </message>
        <message>
            <source>&amp;Search Everything</source>
            <translation>Alles &amp;durchsuchen</translation>
        </message>
        <message>
            <source>&amp;Filter Accounts</source>
            <translation>Konten &amp;filtern</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;Today</source>
            <translation>&amp;Heute</translation>
        </message>
        <message>
            <source>&amp;Accounts</source>
            <translation>&amp;Konten</translation>
        </message>
        <message>
            <source>&amp;Pipeline</source>
            <translation>&amp;Pipeline</translation>
        </message>
        <message>
            <source>&amp;Renewals</source>
            <translation>&amp;Verlängerungen</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>A&amp;ktualisieren</translation>
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation>&amp;Synchronisierung</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>Copy &amp;Diagnostics</source>
            <translation>&amp;Diagnose kopieren</translation>
        </message>
        <message>
            <source>Open &amp;Log Folder</source>
            <translation>&amp;Protokollordner öffnen</translation>
        </message>
        <message>
            <source>&amp;About Fieldbook</source>
            <translation>&amp;Über Fieldbook</translation>
        </message>
        <message>
            <source>Select one or more accounts first, then export their briefs.</source>
            <translation>Wählen Sie zuerst ein oder mehrere Konten aus und exportieren Sie dann deren Briefings.</translation>
        </message>
        <message>
            <source>That record no longer exists here.</source>
            <translation>Dieser Datensatz existiert hier nicht mehr.</translation>
        </message>
        <message>
            <source>About Fieldbook</source>
            <translation>Über Fieldbook</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Fieldbook {}&lt;/h3&gt;&lt;p&gt;Your book of business, offline: accounts, contacts, notes, opportunities, contracts and tasks, synced with your CRM when the network is there.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Fieldbook {}&lt;/h3&gt;&lt;p&gt;Ihr Kundenbestand, offline: Konten, Kontakte, Notizen, Verkaufschancen, Verträge und Aufgaben, mit Ihrem CRM synchronisiert, sobald das Netz da ist.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Diagnostics copied to the clipboard: paste them into your message to support.</source>
            <translation>Diagnose in die Zwischenablage kopiert: Fügen Sie sie in Ihre Nachricht an den Support ein.</translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) shown</source>
            <translation>
                <numerusform>%n Konto angezeigt</numerusform>
                <numerusform>%n Konten angezeigt</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutboxDialog</name>
        <message>
            <source>Outbox</source>
            <translation>Postausgang</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Send the selected changes at the next sync</source>
            <translation>Die ausgewählten Änderungen bei der nächsten Synchronisierung senden</translation>
        </message>
        <message>
            <source>Discard…</source>
            <translation>Verwerfen…</translation>
        </message>
        <message>
            <source>Drop the selected changes; the records go back to what the CRM has</source>
            <translation>Die ausgewählten Änderungen verwerfen; die Datensätze erhalten wieder den Stand des CRM</translation>
        </message>
        <message>
            <source>Resolve…</source>
            <translation>Lösen…</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Jetzt synchronisieren</translation>
        </message>
        <message>
            <source>Changes waiting to be sent</source>
            <translation>Änderungen, die auf das Senden warten</translation>
        </message>
        <message>
            <source>The last sync failed: {}</source>
            <translation>Die letzte Synchronisierung ist fehlgeschlagen: {}</translation>
        </message>
        <message>
            <source>No CRM is connected: nothing is sent anywhere.</source>
            <translation>Kein CRM verbunden: Es wird nichts gesendet.</translation>
        </message>
        <message>
            <source>Everything you changed has reached the CRM.</source>
            <translation>Alle Ihre Änderungen sind im CRM angekommen.</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent.</source>
            <translation>
                <numerusform>%n Änderung wartet auf das Senden.</numerusform>
                <numerusform>%n Änderungen warten auf das Senden.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back: the CRM sent values Fieldbook cannot take, so they are not in your book yet. They are asked for again at every sync.</source>
            <translation>
                <numerusform>%n Datensatz zurückgehalten: Das CRM hat Werte gesendet, die Fieldbook nicht übernehmen kann, daher ist er noch nicht in Ihrem Bestand. Er wird bei jeder Synchronisierung erneut abgefragt.</numerusform>
                <numerusform>%n Datensätze zurückgehalten: Das CRM hat Werte gesendet, die Fieldbook nicht übernehmen kann, daher sind sie noch nicht in Ihrem Bestand. Sie werden bei jeder Synchronisierung erneut abgefragt.</numerusform>
            </translation>
        </message>
        <message>
            <source>{what} {id}: {reason}</source>
            <translation>{what} {id}: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more.</source>
            <translation>
                <numerusform>… und %n weiterer.</numerusform>
                <numerusform>… und %n weitere.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>• and %n more.</source>
            <translation>
                <numerusform>• und %n weitere.</numerusform>
                <numerusform>• und %n weitere.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Discard %n change(s)? This cannot be undone.</source>
            <translation>
                <numerusform>%n Änderung verwerfen? Das kann nicht rückgängig gemacht werden.</numerusform>
                <numerusform>%n Änderungen verwerfen? Das kann nicht rückgängig gemacht werden.</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign in to the CRM again to send your changes.</source>
            <translation>Melden Sie sich erneut beim CRM an, um Ihre Änderungen zu senden.</translation>
        </message>
        <message>
            <source>The CRM cannot be reached; they go when it can.</source>
            <translation>Das CRM ist nicht erreichbar; sie werden gesendet, sobald es wieder geht.</translation>
        </message>
        <message>
            <source>The CRM refused {}: see the reason, fix the record and Retry, or Discard.</source>
            <translation>Das CRM hat {} abgelehnt: Lesen Sie den Grund, korrigieren Sie den Datensatz und wählen Sie Erneut versuchen, oder Verwerfen.</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Konflikte</translation>
        </message>
        <message>
            <source>— changed both here and in the CRM; choose what to keep</source>
            <translation>— hier und im CRM geändert; wählen Sie, was bleiben soll</translation>
        </message>
        <message>
            <source>— none</source>
            <translation>— keine</translation>
        </message>
        <message>
            <source>• The new {} and what you added to it will be removed from this computer.</source>
            <translation>• Der neue Eintrag ({}) und was Sie hinzugefügt haben, wird von diesem Computer entfernt.</translation>
        </message>
        <message>
            <source>• Your edit of the {} will be undone; it goes back to what the CRM has.</source>
            <translation>• Ihre Änderung ({}) wird rückgängig gemacht; es gilt wieder der Stand des CRM.</translation>
        </message>
        <message>
            <source>• The {} you deleted comes back.</source>
            <translation>• Der gelöschte Eintrag ({}) kommt zurück.</translation>
        </message>
        <message>
            <source>Discard changes</source>
            <translation>Änderungen verwerfen</translation>
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message>
            <source>Pipeline</source>
            <translation>Pipeline</translation>
        </message>
        <message>
            <source>Opportunity</source>
            <translation>Verkaufschance</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <source>Close date</source>
            <translation>Abschlussdatum</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Wahrscheinlichkeit</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>Nächster Schritt</translation>
        </message>
        <message>
            <source>No open opportunities</source>
            <translation>Keine offenen Verkaufschancen</translation>
        </message>
        <message>
            <source>Open an account and add an opportunity with New Opportunity (Ctrl+Shift+O); it shows here by stage.</source>
            <translation>Öffnen Sie ein Konto und legen Sie mit Neue Verkaufschance (Strg+Umschalt+O) eine an; sie erscheint hier nach Phase.</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more, the latest closing last</source>
            <translation>
                <numerusform>… und %n weitere, der späteste Abschluss zuletzt</numerusform>
                <numerusform>… und %n weitere, der späteste Abschluss zuletzt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open · {} in total</source>
            <translation>
                <numerusform>%n offen · {} insgesamt</numerusform>
                <numerusform>%n offen · {} insgesamt</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>CRM connection</source>
            <translation>CRM-Verbindung</translation>
        </message>
        <message>
            <source>Connected to {crm} at {url}.</source>
            <translation>Verbunden mit {crm} unter {url}.</translation>
        </message>
        <message>
            <source>Connected to {url} (database {database}) as {user}.</source>
            <translation>Verbunden mit {url} (Datenbank {database}) als {user}.</translation>
        </message>
        <message>
            <source>Not connected: your book is on this computer only.</source>
            <translation>Nicht verbunden: Ihr Bestand ist nur auf diesem Computer.</translation>
        </message>
        <message>
            <source>Change…</source>
            <translation>Ändern…</translation>
        </message>
        <message>
            <source>Connect…</source>
            <translation>Verbinden…</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Abmelden</translation>
        </message>
        <message>
            <source>Sign out and remove the local copy</source>
            <translation>Abmelden und lokale Kopie entfernen</translation>
        </message>
        <message>
            <source>The CRM address is set by your IT department.</source>
            <translation>Die CRM-Adresse ist von Ihrer IT-Abteilung festgelegt.</translation>
        </message>
        <message>
            <source>Syncing</source>
            <translation>Synchronisieren</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source>Sync when Fieldbook starts</source>
            <translation>Beim Start von Fieldbook synchronisieren</translation>
        </message>
        <message>
            <source>Sync every</source>
            <translation>Synchronisieren alle</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Allgemein</translation>
        </message>
        <message>
            <source>The system's language</source>
            <translation>Sprache des Systems</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Sprache:</translation>
        </message>
        <message>
            <source>A new language shows the next time Fieldbook starts.</source>
            <translation>Eine neue Sprache erscheint beim nächsten Start von Fieldbook.</translation>
        </message>
        <message>
            <source>Where I left off</source>
            <translation>Wo ich aufgehört habe</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Open Fieldbook on:</source>
            <translation>Fieldbook öffnen mit:</translation>
        </message>
        <message>
            <source>Set by your IT department</source>
            <translation>Von Ihrer IT-Abteilung festgelegt</translation>
        </message>
        <message>
            <source>Light and dark appearance follow your system settings.</source>
            <translation>Helle und dunkle Darstellung folgen Ihren Systemeinstellungen.</translation>
        </message>
    </context>
    <context>
        <name>QuickCapture</name>
        <message>
            <source>Quick note: what happened? (Ctrl+Enter saves)</source>
            <translation>Schnellnotiz: Was ist passiert? (Strg+Eingabe speichert)</translation>
        </message>
        <message>
            <source>Note title</source>
            <translation>Titel der Notiz</translation>
        </message>
        <message>
            <source>Details, decisions, next steps…</source>
            <translation>Details, Entscheidungen, nächste Schritte…</translation>
        </message>
        <message>
            <source>Note body</source>
            <translation>Text der Notiz</translation>
        </message>
        <message>
            <source>Kind of note</source>
            <translation>Art der Notiz</translation>
        </message>
        <message>
            <source>When it happened</source>
            <translation>Wann es geschah</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>Save note</source>
            <translation>Notiz speichern</translation>
        </message>
        <message>
            <source>Save note (Ctrl+Enter)</source>
            <translation>Notiz speichern (Strg+Eingabe)</translation>
        </message>
        <message>
            <source>No contact</source>
            <translation>Kein Kontakt</translation>
        </message>
        <message>
            <source>Write a few words first.</source>
            <translation>Schreiben Sie zuerst ein paar Worte.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message numerus="yes">
            <source>Please correct the %n highlighted field(s).</source>
            <translation>
                <numerusform>Bitte korrigieren Sie das markierte Feld.</numerusform>
                <numerusform>Bitte korrigieren Sie die %n markierten Felder.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RenewalsView</name>
        <message>
            <source>Renewals</source>
            <translation>Verlängerungen</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>Vertrag</translation>
        </message>
        <message>
            <source>Notice by</source>
            <translation>Kündigung bis</translation>
        </message>
        <message>
            <source>Days left</source>
            <translation>Verbleibende Tage</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>Dringlichkeit</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Endet</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>Auto-renew</source>
            <translation>Automatische Verlängerung</translation>
        </message>
        <message>
            <source>No active contracts</source>
            <translation>Keine aktiven Verträge</translation>
        </message>
        <message>
            <source>Contracts with an end date show here, nearest notice deadline first. Add one from an account's Contracts section.</source>
            <translation>Verträge mit Enddatum erscheinen hier, die nächste Kündigungsfrist zuerst. Legen Sie einen im Bereich Verträge eines Kontos an.</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation>
                <numerusform>%n Vertrag</numerusform>
                <numerusform>%n Verträge</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with notice due within {days} days</source>
            <translation>
                <numerusform>%n mit Kündigungsfrist in den nächsten {days} Tagen</numerusform>
                <numerusform>%n mit Kündigungsfrist in den nächsten {days} Tagen</numerusform>
            </translation>
        </message>
        <message>
            <source> · the {} nearest shown</source>
            <translation> · die {} nächsten angezeigt</translation>
        </message>
    </context>
    <context>
        <name>SalesforceSignInDialog</name>
        <message>
            <source>Connect to Salesforce</source>
            <translation>Mit Salesforce verbinden</translation>
        </message>
    </context>
    <context>
        <name>SalesforceSignInForm</name>
        <message>
            <source>Fieldbook opens Salesforce's sign-in page in your browser. Your password goes to Salesforce only; Fieldbook keeps its access in the system keyring.</source>
            <translation>Fieldbook öffnet die Anmeldeseite von Salesforce in Ihrem Browser. Ihr Passwort geht nur an Salesforce; Fieldbook bewahrt seinen Zugang im Schlüsselbund des Systems auf.</translation>
        </message>
        <message>
            <source>Production (login.salesforce.com)</source>
            <translation>Produktion (login.salesforce.com)</translation>
        </message>
        <message>
            <source>Sandbox (test.salesforce.com)</source>
            <translation>Sandbox (test.salesforce.com)</translation>
        </message>
        <message>
            <source>My Domain</source>
            <translation>My Domain</translation>
        </message>
        <message>
            <source>https://yourcompany.my.salesforce.com</source>
            <translation>https://ihrefirma.my.salesforce.com</translation>
        </message>
        <message>
            <source>Consumer key, from your Salesforce admin</source>
            <translation>Consumer Key, von Ihrem Salesforce-Admin</translation>
        </message>
        <message>
            <source>Salesforce</source>
            <translation>Salesforce</translation>
        </message>
        <message>
            <source>My Domain address</source>
            <translation>My-Domain-Adresse</translation>
        </message>
        <message>
            <source>Consumer key</source>
            <translation>Consumer Key</translation>
        </message>
        <message>
            <source>Callback port</source>
            <translation>Callback-Port</translation>
        </message>
        <message>
            <source>Connect to Salesforce</source>
            <translation>Mit Salesforce verbinden</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Please enter your My Domain address.</source>
            <translation>Bitte geben Sie Ihre My-Domain-Adresse ein.</translation>
        </message>
        <message>
            <source>Please enter the consumer key of your connected app.</source>
            <translation>Bitte geben Sie den Consumer Key Ihrer verbundenen App ein.</translation>
        </message>
        <message>
            <source>Sign in to Salesforce in your browser, then come back here.</source>
            <translation>Melden Sie sich im Browser bei Salesforce an und kehren Sie dann hierher zurück.</translation>
        </message>
        <message>
            <source>Waiting for the browser…</source>
            <translation>Warte auf den Browser …</translation>
        </message>
        <message>
            <source>Port {} on this computer is in use. Close the program using it, or ask IT which callback port your connected app has.</source>
            <translation>Port {} ist auf diesem Computer belegt. Schließen Sie das Programm, das ihn nutzt, oder fragen Sie die IT, welchen Callback-Port Ihre verbundene App hat.</translation>
        </message>
        <message>
            <source>Salesforce cannot be reached. Check your network connection and try again.</source>
            <translation>Salesforce ist nicht erreichbar. Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Salesforce did not let Fieldbook in. Check the consumer key, or ask your Salesforce admin to allow the connected app for you.</source>
            <translation>Salesforce hat Fieldbook nicht zugelassen. Prüfen Sie den Consumer Key oder bitten Sie Ihren Salesforce-Admin, die verbundene App für Sie freizugeben.</translation>
        </message>
        <message>
            <source>This is not a Salesforce address. Enter it like https://yourcompany.my.salesforce.com.</source>
            <translation>Das ist keine Salesforce-Adresse. Geben Sie sie so ein: https://ihrefirma.my.salesforce.com.</translation>
        </message>
        <message>
            <source>Sign-in was cancelled or took too long. Try again.</source>
            <translation>Die Anmeldung wurde abgebrochen oder hat zu lange gedauert. Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Salesforce could not sign you in ({}). Try again later, or ask IT.</source>
            <translation>Salesforce konnte Sie nicht anmelden ({}). Versuchen Sie es später erneut oder fragen Sie die IT.</translation>
        </message>
    </context>
    <context>
        <name>SearchPopup</name>
        <message>
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Kontakte</translation>
        </message>
        <message>
            <source>Opportunities</source>
            <translation>Verkaufschancen</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>(untitled)</source>
            <translation>(ohne Titel)</translation>
        </message>
        <message>
            <source>No matches for “{}”</source>
            <translation>Keine Treffer für „{}“</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to your CRM</source>
            <translation>Beim CRM anmelden</translation>
        </message>
        <message>
            <source>Fieldbook keeps a copy of your book of business on this computer and syncs it with your company's CRM.</source>
            <translation>Fieldbook hält eine Kopie Ihres Kundenbestands auf diesem Computer und synchronisiert sie mit dem CRM Ihres Unternehmens.</translation>
        </message>
        <message>
            <source>https://crm.example.com</source>
            <translation>https://crm.example.com</translation>
        </message>
        <message>
            <source>Database name, from your IT team</source>
            <translation>Datenbankname, von Ihrer IT</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Your password is kept in the system keyring, never in Fieldbook's files.</source>
            <translation>Ihr Passwort wird im Schlüsselbund des Systems gespeichert, nie in Fieldbooks Dateien.</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Anmelden</translation>
        </message>
        <message>
            <source>server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <source>user name</source>
            <translation>Benutzernamen</translation>
        </message>
        <message>
            <source>password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>Please enter the {}.</source>
            <translation>Bitte geben Sie {} ein.</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Anmeldung läuft…</translation>
        </message>
        <message>
            <source>The user name or password is not right. Check them (is Caps Lock on?) and try again.</source>
            <translation>Benutzername oder Passwort stimmen nicht. Prüfen Sie sie (ist die Feststelltaste aktiv?) und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server cannot be reached. Check the address and your network connection, then try again.</source>
            <translation>Der Server ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Netzwerkverbindung und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server's security certificate is not trusted, so Fieldbook did not send your password. Check the address, or ask IT.</source>
            <translation>Dem Sicherheitszertifikat des Servers wird nicht vertraut, daher hat Fieldbook Ihr Passwort nicht gesendet. Prüfen Sie die Adresse oder fragen Sie die IT.</translation>
        </message>
        <message>
            <source>No CRM answers at this address with this database. Check the server address (like https://crm.example.com) and the database name.</source>
            <translation>Unter dieser Adresse antwortet kein CRM mit dieser Datenbank. Prüfen Sie die Serveradresse (etwa https://crm.example.com) und den Datenbanknamen.</translation>
        </message>
        <message>
            <source>The server answers, but it has no database with this name. Check the database name (your IT team knows it).</source>
            <translation>Der Server antwortet, hat aber keine Datenbank mit diesem Namen. Prüfen Sie den Datenbanknamen (Ihr IT-Team kennt ihn).</translation>
        </message>
        <message>
            <source>This CRM database does not have the Fieldbook module activated. Ask your CRM administrator to activate the module "fieldbook".</source>
            <translation>In dieser CRM-Datenbank ist das Fieldbook-Modul nicht aktiviert. Bitten Sie Ihre CRM-Administration, das Modul „fieldbook“ zu aktivieren.</translation>
        </message>
        <message>
            <source>The CRM could not sign you in ({}). Try again later, or ask IT.</source>
            <translation>Das CRM konnte Sie nicht anmelden ({}). Versuchen Sie es später erneut oder fragen Sie die IT.</translation>
        </message>
    </context>
    <context>
        <name>SyncController</name>
        <message>
            <source>Sync now</source>
            <translation>Jetzt synchronisieren</translation>
        </message>
        <message>
            <source>Send your changes and fetch the CRM's (F9)</source>
            <translation>Ihre Änderungen senden und die des CRM abholen (F9)</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message>
            <source>Outbox and conflicts…</source>
            <translation>Postausgang und Konflikte…</translation>
        </message>
        <message>
            <source>{} to send</source>
            <translation>{} zu senden</translation>
        </message>
        <message>
            <source>{} refused</source>
            <translation>{} abgelehnt</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n Konflikt</numerusform>
                <numerusform>%n Konflikte</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back</source>
            <translation>
                <numerusform>%n Datensatz zurückgehalten</numerusform>
                <numerusform>%n Datensätze zurückgehalten</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the outbox</source>
            <translation>Postausgang öffnen</translation>
        </message>
        <message>
            <source>Local only</source>
            <translation>Nur lokal</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisierung…</translation>
        </message>
        <message>
            <source>Syncing… sending your changes</source>
            <translation>Synchronisierung… Ihre Änderungen werden gesendet</translation>
        </message>
        <message>
            <source>Syncing… checking for deletions</source>
            <translation>Synchronisierung… Löschungen werden geprüft</translation>
        </message>
        <message>
            <source>Syncing… {} received</source>
            <translation>Synchronisierung… {} empfangen</translation>
        </message>
        <message>
            <source>Sign in to sync</source>
            <translation>Zum Synchronisieren anmelden</translation>
        </message>
        <message>
            <source>Offline · changes are kept</source>
            <translation>Offline · Änderungen bleiben erhalten</translation>
        </message>
        <message>
            <source>Sync failed</source>
            <translation>Synchronisierung fehlgeschlagen</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Noch nicht synchronisiert</translation>
        </message>
        <message>
            <source>Synced</source>
            <translation>Synchronisiert</translation>
        </message>
        <message>
            <source>Up to date · {}</source>
            <translation>Aktuell · {}</translation>
        </message>
        <message>
            <source>Up to date</source>
            <translation>Aktuell</translation>
        </message>
        <message>
            <source>Fieldbook is working on this computer's copy; no CRM is connected. Sign in to a CRM to sync.</source>
            <translation>Fieldbook arbeitet mit der Kopie auf diesem Computer; kein CRM ist verbunden. Melden Sie sich bei einem CRM an, um zu synchronisieren.</translation>
        </message>
        <message>
            <source>The CRM asks you to sign in again. Your changes are kept until then. Click to sign in.</source>
            <translation>Das CRM verlangt eine erneute Anmeldung. Ihre Änderungen bleiben bis dahin erhalten. Zum Anmelden klicken.</translation>
        </message>
        <message>
            <source>The CRM cannot be reached. Your changes are kept and sent when it can be.</source>
            <translation>Das CRM ist nicht erreichbar. Ihre Änderungen bleiben erhalten und werden gesendet, sobald es wieder geht.</translation>
        </message>
        <message>
            <source>Last successful sync: {}</source>
            <translation>Letzte erfolgreiche Synchronisierung: {}</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nie</translation>
        </message>
        <message>
            <source>Next try in {}</source>
            <translation>Nächster Versuch in {}</translation>
        </message>
        <message>
            <source>Last error: {}</source>
            <translation>Letzter Fehler: {}</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) held back: the CRM sent values Fieldbook cannot take. They are asked for again at every sync; the outbox says why.</source>
            <translation>
                <numerusform>%n Datensatz zurückgehalten: Das CRM hat Werte gesendet, die Fieldbook nicht übernehmen kann. Er wird bei jeder Synchronisierung erneut abgefragt; der Postausgang nennt den Grund.</numerusform>
                <numerusform>%n Datensätze zurückgehalten: Das CRM hat Werte gesendet, die Fieldbook nicht übernehmen kann. Sie werden bei jeder Synchronisierung erneut abgefragt; der Postausgang nennt den Grund.</numerusform>
            </translation>
        </message>
        <message>
            <source>API calls today: {} of {}</source>
            <translation>API-Aufrufe heute: {} von {}</translation>
        </message>
        <message>
            <source>Click to see what is waiting to be sent.</source>
            <translation>Klicken, um zu sehen, was auf das Senden wartet.</translation>
        </message>
        <message>
            <source>synced just now</source>
            <translation>gerade synchronisiert</translation>
        </message>
        <message>
            <source>synced {} min ago</source>
            <translation>vor {} Min. synchronisiert</translation>
        </message>
        <message>
            <source>synced {} h ago</source>
            <translation>vor {} Std. synchronisiert</translation>
        </message>
        <message>
            <source>synced {}</source>
            <translation>synchronisiert {}</translation>
        </message>
        <message>
            <source>{} s</source>
            <translation>{} s</translation>
        </message>
        <message>
            <source>{} min</source>
            <translation>{} Min.</translation>
        </message>
        <message>
            <source>{} h</source>
            <translation>{} Std.</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source>Today</source>
            <translation>Heute</translation>
        </message>
        <message>
            <source>Tasks due</source>
            <translation>Fällige Aufgaben</translation>
        </message>
        <message>
            <source>Nothing due. Add a follow-up from an account with New Task (Ctrl+T).</source>
            <translation>Nichts fällig. Legen Sie bei einem Konto mit Neue Aufgabe (Strg+T) eine Nachfassaktion an.</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>Aufgabe</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>Meetings this week</source>
            <translation>Termine diese Woche</translation>
        </message>
        <message>
            <source>No meetings planned this week. Plan one as a task of kind Meeting.</source>
            <translation>Diese Woche sind keine Termine geplant. Planen Sie einen als Aufgabe der Art Termin.</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>Business reviews in the next {days} days</source>
            <translation>Business Reviews in den nächsten {days} Tagen</translation>
        </message>
        <message>
            <source>No business review in the next {days} days. Set an account's next review date to see it here.</source>
            <translation>Kein Business Review in den nächsten {days} Tagen. Setzen Sie bei einem Konto das nächste Review-Datum, um es hier zu sehen.</translation>
        </message>
        <message>
            <source>Notice deadlines within {days} days</source>
            <translation>Kündigungsfristen in den nächsten {days} Tagen</translation>
        </message>
        <message>
            <source>No contract notice deadline in the next {days} days.</source>
            <translation>Keine Kündigungsfrist in den nächsten {days} Tagen.</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Stadt</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>Review</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>Vertrag</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Endet</translation>
        </message>
        <message>
            <source>Notice by</source>
            <translation>Kündigung bis</translation>
        </message>
        <message>
            <source>Overdue · {}</source>
            <translation>Überfällig · {}</translation>
        </message>
        <message>
            <source>Tick to mark the task done</source>
            <translation>Anhaken, um die Aufgabe als erledigt zu markieren</translation>
        </message>
        <message>
            <source>· {} (the first {} shown)</source>
            <translation>· {} (die ersten {} angezeigt)</translation>
        </message>
        <message>
            <source>{} · passed {}</source>
            <translation>{} · verstrichen {}</translation>
        </message>
    </context>
    <context>
        <name>TripPackDialog</name>
        <message>
            <source>Briefs for a trip</source>
            <translation>Briefings für eine Reise</translation>
        </message>
        <message>
            <source>One PDF with a brief per account, each on its own page: read it on the way, offline.</source>
            <translation>Ein PDF mit einem Briefing pro Konto, jedes auf eigener Seite: unterwegs lesen, offline.</translation>
        </message>
        <message>
            <source>Accounts in</source>
            <translation>Konten in</translation>
        </message>
        <message>
            <source>This week's meetings</source>
            <translation>Termine dieser Woche</translation>
        </message>
        <message>
            <source>{} to {}</source>
            <translation>{} bis {}</translation>
        </message>
        <message>
            <source>Export PDF…</source>
            <translation>PDF exportieren…</translation>
        </message>
        <message numerus="yes">
            <source>%n account(s) selected</source>
            <translation>
                <numerusform>%n Konto ausgewählt</numerusform>
                <numerusform>%n Konten ausgewählt</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrytonForm</name>
        <message>
            <source>https://crm.example.com</source>
            <translation>https://crm.example.com</translation>
        </message>
        <message>
            <source>Database name, from your IT team</source>
            <translation>Datenbankname, von Ihrer IT</translation>
        </message>
        <message>
            <source>Set by your IT department</source>
            <translation>Von Ihrer IT-Abteilung festgelegt</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Benutzername</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Passwort</translation>
        </message>
        <message>
            <source>server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>database</source>
            <translation>Datenbank</translation>
        </message>
        <message>
            <source>user name</source>
            <translation>Benutzernamen</translation>
        </message>
        <message>
            <source>password</source>
            <translation>Passwort</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Fieldbook</source>
            <translation>Willkommen bei Fieldbook</translation>
        </message>
        <message>
            <source>Fieldbook keeps your book of business on this computer, so it works on a plane or in a customer's lobby, and syncs it with your company's CRM when the network is there.</source>
            <translation>Fieldbook hält Ihren Kundenbestand auf diesem Computer bereit, damit er auch im Flugzeug oder beim Kunden im Foyer funktioniert, und gleicht ihn mit dem CRM Ihres Unternehmens ab, sobald ein Netz da ist.</translation>
        </message>
        <message>
            <source>Connect to your CRM</source>
            <translation>Mit Ihrem CRM verbinden</translation>
        </message>
        <message>
            <source>Set by your IT department</source>
            <translation>Von Ihrer IT-Abteilung festgelegt</translation>
        </message>
        <message>
            <source>CRM</source>
            <translation>CRM</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Verbinden</translation>
        </message>
        <message>
            <source>Your password is kept in the system keyring, never in Fieldbook's files.</source>
            <translation>Ihr Passwort wird im Schlüsselbund des Systems gespeichert, nie in Fieldbooks Dateien.</translation>
        </message>
        <message>
            <source>Open the demo book</source>
            <translation>Demo-Bestand öffnen</translation>
        </message>
        <message>
            <source>A sample book of business to try Fieldbook with; nothing leaves this computer</source>
            <translation>Ein Beispielbestand zum Ausprobieren; nichts verlässt diesen Computer</translation>
        </message>
        <message>
            <source>Work locally for now</source>
            <translation>Vorerst lokal arbeiten</translation>
        </message>
        <message>
            <source>Start an empty book on this computer; connect it to your CRM later</source>
            <translation>Mit einem leeren Bestand auf diesem Computer beginnen und ihn später mit Ihrem CRM verbinden</translation>
        </message>
        <message>
            <source>You can connect later: click "Local only" in the status bar.</source>
            <translation>Sie können sich später verbinden: Klicken Sie in der Statusleiste auf „Nur lokal“.</translation>
        </message>
        <message>
            <source>Testing…</source>
            <translation>Wird getestet…</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Wird verbunden…</translation>
        </message>
        <message>
            <source>Please enter the {}.</source>
            <translation>Bitte geben Sie {} ein.</translation>
        </message>
        <message>
            <source>The connection works: Fieldbook can sign in and sync.</source>
            <translation>Die Verbindung funktioniert: Fieldbook kann sich anmelden und synchronisieren.</translation>
        </message>
    </context>
    <context>
        <name>_Section</name>
        <message>
            <source>changed here and in the CRM</source>
            <translation>hier und im CRM geändert</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Vorher</translation>
        </message>
        <message>
            <source>Your change</source>
            <translation>Ihre Änderung</translation>
        </message>
        <message>
            <source>Their change</source>
            <translation>Deren Änderung</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Meine behalten</translation>
        </message>
        <message>
            <source>Take theirs</source>
            <translation>Deren übernehmen</translation>
        </message>
        <message>
            <source>Keep both</source>
            <translation>Beide behalten</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>Deleted in the CRM by someone else. You had changed this {} here.</source>
            <translation>Im CRM von jemand anderem gelöscht. Sie hatten diesen Eintrag ({}) hier geändert.</translation>
        </message>
        <message>
            <source>Restore it (send my copy to the CRM)</source>
            <translation>Wiederherstellen (meine Kopie ans CRM senden)</translation>
        </message>
        <message>
            <source>Let it go</source>
            <translation>Gelöscht lassen</translation>
        </message>
        <message>
            <source>Someone added this {} in the CRM to a record you deleted here. Deleting that record in the CRM deletes this too.</source>
            <translation>Jemand hat diese(n) {} im CRM zu einem Datensatz hinzugefügt, den Sie hier gelöscht haben. Wird dieser Datensatz im CRM gelöscht, wird dies mitgelöscht.</translation>
        </message>
        <message>
            <source>You deleted this {} here, but someone changed it in the CRM meanwhile.</source>
            <translation>Sie haben diesen Eintrag ({}) hier gelöscht, aber jemand hat ihn inzwischen im CRM geändert.</translation>
        </message>
        <message>
            <source>Delete it in the CRM too</source>
            <translation>Auch im CRM löschen</translation>
        </message>
        <message>
            <source>Keep it (take their copy)</source>
            <translation>Behalten (deren Kopie übernehmen)</translation>
        </message>
    </context>
    <context>
        <name>account_view</name>
        <message>
            <source>Edit account</source>
            <translation>Konto bearbeiten</translation>
        </message>
        <message>
            <source>Delete account</source>
            <translation>Konto löschen</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>NPS</source>
            <translation>NPS</translation>
        </message>
        <message>
            <source>Next business review</source>
            <translation>Nächstes Business Review</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Betreuer</translation>
        </message>
        <message>
            <source>Open pipeline</source>
            <translation>Offene Pipeline</translation>
        </message>
        <message>
            <source>Part of {}</source>
            <translation>Teil von {}</translation>
        </message>
        <message>
            <source>Parent of {}</source>
            <translation>Muttergesellschaft von {}</translation>
        </message>
        <message>
            <source>Parent of: {}</source>
            <translation>Muttergesellschaft von: {}</translation>
        </message>
        <message>
            <source>Health and churn risk not assessed yet.</source>
            <translation>Zustand und Abwanderungsrisiko noch nicht bewertet.</translation>
        </message>
        <message>
            <source>Not planned</source>
            <translation>Nicht geplant</translation>
        </message>
        <message>
            <source>{} · Fieldbook only</source>
            <translation>{} · nur in Fieldbook</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rolle</translation>
        </message>
        <message>
            <source>Stance</source>
            <translation>Haltung</translation>
        </message>
        <message>
            <source>Reports to</source>
            <translation>Berichtet an</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <source>Last contacted</source>
            <translation>Zuletzt kontaktiert</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <source>Close date</source>
            <translation>Abschlussdatum</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Wahrscheinlichkeit</translation>
        </message>
        <message>
            <source>Forecast</source>
            <translation>Prognose</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>Nächster Schritt</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <source>End</source>
            <translation>Ende</translation>
        </message>
        <message>
            <source>Notice deadline</source>
            <translation>Kündigungsfrist</translation>
        </message>
        <message>
            <source>Days left to give notice</source>
            <translation>Tage bis zur Kündigungsfrist</translation>
        </message>
        <message>
            <source>Auto-renew</source>
            <translation>Automatische Verlängerung</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Fällig</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>with {}</source>
            <translation>mit {}</translation>
        </message>
        <message>
            <source>about {}</source>
            <translation>zu {}</translation>
        </message>
        <message>
            <source>by {}</source>
            <translation>von {}</translation>
        </message>
        <message>
            <source>New {}</source>
            <translation>Neu: {}</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <source>Edit the selected {} (Enter)</source>
            <translation>Auswahl bearbeiten: {} (Eingabe)</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Delete the selected {} (Del)</source>
            <translation>Auswahl löschen: {} (Entf)</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Bearbeiten…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Löschen…</translation>
        </message>
        <message>
            <source>Pick an account in the list, or search for one with Ctrl+K.</source>
            <translation>Wählen Sie ein Konto in der Liste oder suchen Sie eines mit Strg+K.</translation>
        </message>
        <message>
            <source>No contracts yet. Add one with New contract: its notice deadline is worked out from the end date and notice period.</source>
            <translation>Noch keine Verträge. Legen Sie einen mit Neuer Vertrag an: Die Kündigungsfrist ergibt sich aus Enddatum und Kündigungsfrist in Tagen.</translation>
        </message>
        <message>
            <source>No tasks yet. Add a follow-up with New task; tick a task to complete it.</source>
            <translation>Noch keine Aufgaben. Legen Sie mit Neue Aufgabe eine Nachfassaktion an; haken Sie eine Aufgabe ab, um sie zu erledigen.</translation>
        </message>
        <message>
            <source>No contacts yet. Add the people you work with using New contact.</source>
            <translation>Noch keine Kontakte. Legen Sie die Menschen, mit denen Sie arbeiten, mit Neuer Kontakt an.</translation>
        </message>
        <message>
            <source>Map: who reports to whom. Click a person to select, double-click to edit.</source>
            <translation>Karte: Wer berichtet an wen. Klicken Sie auf eine Person zum Auswählen, doppelklicken Sie zum Bearbeiten.</translation>
        </message>
        <message>
            <source>No notes yet — write one above and press Ctrl+Enter.</source>
            <translation>Noch keine Notizen — schreiben Sie oben eine und drücken Sie Strg+Eingabe.</translation>
        </message>
        <message>
            <source>No opportunities yet. Add an upsell or renewal with New opportunity.</source>
            <translation>Noch keine Verkaufschancen. Legen Sie einen Upsell oder eine Verlängerung mit Neue Verkaufschance an.</translation>
        </message>
        <message>
            <source>Move to stage</source>
            <translation>In Phase verschieben</translation>
        </message>
        <message>
            <source>Move the selected opportunity to another stage (Ctrl+Shift+M)</source>
            <translation>Die ausgewählte Verkaufschance in eine andere Phase verschieben (Strg+Umschalt+M)</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Kontakte</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>Opportunities</source>
            <translation>Verkaufschancen</translation>
        </message>
        <message>
            <source>Contracts</source>
            <translation>Verträge</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Aufgaben</translation>
        </message>
        <message>
            <source>This account no longer exists here. It may have been deleted, or removed by a sync.</source>
            <translation>Dieses Konto existiert hier nicht mehr. Es wurde vielleicht gelöscht oder durch eine Synchronisierung entfernt.</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>No system keyring here: your CRM sign-in is kept only until you quit.</source>
            <translation>Kein Schlüsselbund im System: Ihre CRM-Anmeldung bleibt nur bis zum Beenden erhalten.</translation>
        </message>
        <message>
            <source>Demo book of business, on this computer only (no demo CRM to sync with).</source>
            <translation>Demo-Kundenbestand, nur auf diesem Computer (kein Demo-CRM zum Synchronisieren).</translation>
        </message>
        <message>
            <source>The demo CRM needs Tryton (pip install -e '.[crm]'); working on the local copy.</source>
            <translation>Das Demo-CRM braucht Tryton (pip install -e '.[crm]'); es wird mit der lokalen Kopie gearbeitet.</translation>
        </message>
        <message>
            <source>Starting the demo CRM on this computer… (the first start takes a minute)</source>
            <translation>Das Demo-CRM wird auf diesem Computer gestartet… (der erste Start dauert eine Minute)</translation>
        </message>
        <message>
            <source>Demo CRM running at {}</source>
            <translation>Demo-CRM läuft unter {}</translation>
        </message>
        <message>
            <source>The demo CRM did not start ({}); working on the local copy.</source>
            <translation>Das Demo-CRM ist nicht gestartet ({}); es wird mit der lokalen Kopie gearbeitet.</translation>
        </message>
        <message>
            <source>You are not signed in to a CRM.</source>
            <translation>Sie sind bei keinem CRM angemeldet.</translation>
        </message>
    </context>
    <context>
        <name>box</name>
        <message>
            <source>Sign out</source>
            <translation>Abmelden</translation>
        </message>
        <message>
            <source>Sign out of the CRM on this computer?</source>
            <translation>Auf diesem Computer vom CRM abmelden?</translation>
        </message>
        <message>
            <source>Also remove my book of business from this computer</source>
            <translation>Auch meinen Kundenbestand von diesem Computer entfernen</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) have not reached the CRM yet. Removing the local copy loses them.</source>
            <translation>
                <numerusform>%n Änderung ist noch nicht im CRM angekommen. Wenn Sie die lokale Kopie entfernen, geht sie verloren.</numerusform>
                <numerusform>%n Änderungen sind noch nicht im CRM angekommen. Wenn Sie die lokale Kopie entfernen, gehen sie verloren.</numerusform>
            </translation>
        </message>
        <message>
            <source>Remove and lose them</source>
            <translation>Entfernen und verlieren</translation>
        </message>
    </context>
    <context>
        <name>chips</name>
        <message>
            <source>Healthy</source>
            <translation>Gesund</translation>
        </message>
        <message>
            <source>Watch</source>
            <translation>Beobachten</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>Gefährdet</translation>
        </message>
        <message>
            <source>No risk</source>
            <translation>Kein Risiko</translation>
        </message>
        <message>
            <source>Low risk</source>
            <translation>Geringes Risiko</translation>
        </message>
        <message>
            <source>Medium risk</source>
            <translation>Mittleres Risiko</translation>
        </message>
        <message>
            <source>High risk</source>
            <translation>Hohes Risiko</translation>
        </message>
        <message>
            <source>Passed</source>
            <translation>Verstrichen</translation>
        </message>
        <message>
            <source>≤ {days} days</source>
            <translation>≤ {days} Tage</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>Später</translation>
        </message>
        <message>
            <source>Prospecting</source>
            <translation>Akquise</translation>
        </message>
        <message>
            <source>Qualification</source>
            <translation>Qualifizierung</translation>
        </message>
        <message>
            <source>Discovery</source>
            <translation>Bedarfsanalyse</translation>
        </message>
        <message>
            <source>Proposal</source>
            <translation>Angebot</translation>
        </message>
        <message>
            <source>Negotiation</source>
            <translation>Verhandlung</translation>
        </message>
        <message>
            <source>Closed won</source>
            <translation>Gewonnen</translation>
        </message>
        <message>
            <source>Closed lost</source>
            <translation>Verloren</translation>
        </message>
    </context>
    <context>
        <name>choices</name>
        <message>
            <source>Customer</source>
            <translation>Kunde</translation>
        </message>
        <message>
            <source>Prospect</source>
            <translation>Interessent</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partner</translation>
        </message>
        <message>
            <source>Strategic</source>
            <translation>Strategisch</translation>
        </message>
        <message>
            <source>Enterprise</source>
            <translation>Enterprise</translation>
        </message>
        <message>
            <source>Growth</source>
            <translation>Wachstum</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>Green</source>
            <translation>Grün</translation>
        </message>
        <message>
            <source>Amber</source>
            <translation>Gelb</translation>
        </message>
        <message>
            <source>Red</source>
            <translation>Rot</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Keines</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Niedrig</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>Mittel</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Hoch</translation>
        </message>
        <message>
            <source>Economic buyer</source>
            <translation>Budgetverantwortlicher</translation>
        </message>
        <message>
            <source>Decision maker</source>
            <translation>Entscheider</translation>
        </message>
        <message>
            <source>Champion</source>
            <translation>Fürsprecher</translation>
        </message>
        <message>
            <source>Influencer</source>
            <translation>Beeinflusser</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Anwender</translation>
        </message>
        <message>
            <source>Blocker</source>
            <translation>Blockierer</translation>
        </message>
        <message>
            <source>Supporter</source>
            <translation>Unterstützer</translation>
        </message>
        <message>
            <source>Neutral</source>
            <translation>Neutral</translation>
        </message>
        <message>
            <source>Detractor</source>
            <translation>Kritiker</translation>
        </message>
        <message>
            <source>New business</source>
            <translation>Neugeschäft</translation>
        </message>
        <message>
            <source>Upsell</source>
            <translation>Upsell</translation>
        </message>
        <message>
            <source>Cross-sell</source>
            <translation>Cross-Selling</translation>
        </message>
        <message>
            <source>Renewal</source>
            <translation>Verlängerung</translation>
        </message>
        <message>
            <source>Pipeline</source>
            <translation>Pipeline</translation>
        </message>
        <message>
            <source>Best case</source>
            <translation>Best Case</translation>
        </message>
        <message>
            <source>Commit</source>
            <translation>Zugesagt</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Abgeschlossen</translation>
        </message>
        <message>
            <source>Omitted</source>
            <translation>Ausgelassen</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Entwurf</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Aktiv</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Abgelaufen</translation>
        </message>
        <message>
            <source>Terminated</source>
            <translation>Gekündigt</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>Termin</translation>
        </message>
        <message>
            <source>Call</source>
            <translation>Anruf</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Business review</source>
            <translation>Business Review</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Allgemein</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>Nachfassen</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Offen</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Erledigt</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Abgebrochen</translation>
        </message>
    </context>
    <context>
        <name>conflict_dialog</name>
        <message>
            <source>(empty)</source>
            <translation>(leer)</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ja</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Nein</translation>
        </message>
        <message>
            <source>{} (deleted here)</source>
            <translation>{} (hier gelöscht)</translation>
        </message>
    </context>
    <context>
        <name>crm_kinds</name>
        <message>
            <source>Tryton</source>
            <translation>Tryton</translation>
        </message>
        <message>
            <source>Salesforce</source>
            <translation>Salesforce</translation>
        </message>
    </context>
    <context>
        <name>dates</name>
        <message>
            <source>d MMM yyyy, HH:mm</source>
            <translation>d. MMM yyyy, HH:mm</translation>
        </message>
        <message>
            <source>d MMM</source>
            <translation>d. MMM</translation>
        </message>
        <message>
            <source>d MMM yyyy</source>
            <translation>d. MMM yyyy</translation>
        </message>
        <message>
            <source>d MMM, HH:mm</source>
            <translation>d. MMM, HH:mm</translation>
        </message>
    </context>
    <context>
        <name>entities</name>
        <message>
            <source>account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Konto</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Konten</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Parent account</source>
            <translation>Muttergesellschaft</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>Branche</translation>
        </message>
        <message>
            <source>Segment</source>
            <translation>Segment</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Betreuer</translation>
        </message>
        <message>
            <source>Website</source>
            <translation>Website</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Telefon</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>Straße</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Stadt</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Land</translation>
        </message>
        <message>
            <source>MRR</source>
            <translation>MRR</translation>
        </message>
        <message>
            <source>Annual revenue</source>
            <translation>Jahresumsatz</translation>
        </message>
        <message>
            <source>Currency</source>
            <translation>Währung</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>Stufe</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Health reason</source>
            <translation>Grund für den Zustand</translation>
        </message>
        <message>
            <source>Churn risk</source>
            <translation>Abwanderungsrisiko</translation>
        </message>
        <message>
            <source>Churn risk reason</source>
            <translation>Grund für das Abwanderungsrisiko</translation>
        </message>
        <message>
            <source>NPS</source>
            <translation>NPS</translation>
        </message>
        <message>
            <source>Next business review</source>
            <translation>Nächstes Business Review</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message>
            <source>contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>contacts</source>
            <translation>Kontakte</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Kontakt</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Kontakte</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titel</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-Mail</translation>
        </message>
        <message>
            <source>Reports to</source>
            <translation>Berichtet an</translation>
        </message>
        <message>
            <source>Role in the deal</source>
            <translation>Rolle im Geschäft</translation>
        </message>
        <message>
            <source>Stance</source>
            <translation>Haltung</translation>
        </message>
        <message>
            <source>Last contacted</source>
            <translation>Zuletzt kontaktiert</translation>
        </message>
        <message>
            <source>opportunity</source>
            <translation>Verkaufschance</translation>
        </message>
        <message>
            <source>opportunities</source>
            <translation>Verkaufschancen</translation>
        </message>
        <message>
            <source>Opportunity</source>
            <translation>Verkaufschance</translation>
        </message>
        <message>
            <source>Opportunities</source>
            <translation>Verkaufschancen</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Phase</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Betrag</translation>
        </message>
        <message>
            <source>Close date</source>
            <translation>Abschlussdatum</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Wahrscheinlichkeit</translation>
        </message>
        <message>
            <source>Forecast category</source>
            <translation>Prognosekategorie</translation>
        </message>
        <message>
            <source>Next step</source>
            <translation>Nächster Schritt</translation>
        </message>
        <message>
            <source>Competitor</source>
            <translation>Wettbewerber</translation>
        </message>
        <message>
            <source>contract</source>
            <translation>Vertrag</translation>
        </message>
        <message>
            <source>contracts</source>
            <translation>Verträge</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>Vertrag</translation>
        </message>
        <message>
            <source>Contracts</source>
            <translation>Verträge</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Nummer</translation>
        </message>
        <message>
            <source>Start date</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <source>Term (months)</source>
            <translation>Laufzeit (Monate)</translation>
        </message>
        <message>
            <source>End date</source>
            <translation>Ende</translation>
        </message>
        <message>
            <source>Notice period (days)</source>
            <translation>Kündigungsfrist (Tage)</translation>
        </message>
        <message>
            <source>Auto-renew</source>
            <translation>Automatische Verlängerung</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notizen</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Body</source>
            <translation>Text</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Wann</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>Verfasser</translation>
        </message>
        <message>
            <source>task</source>
            <translation>Aufgabe</translation>
        </message>
        <message>
            <source>tasks</source>
            <translation>Aufgaben</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>Aufgabe</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Aufgaben</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Betreff</translation>
        </message>
        <message>
            <source>Due date</source>
            <translation>Fälligkeitsdatum</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Please check these fields: {}</source>
            <translation>Bitte prüfen Sie diese Felder: {}</translation>
        </message>
        <message>
            <source>That record is no longer here. It may have been deleted, or removed by a sync.</source>
            <translation>Dieser Datensatz ist nicht mehr vorhanden. Er wurde vielleicht gelöscht oder bei einer Synchronisierung entfernt.</translation>
        </message>
        <message>
            <source>This computer has no system keyring Fieldbook can use, so your CRM password cannot be kept safely. Ask IT to enable the keyring, then sign in again.</source>
            <translation>Dieser Computer hat keinen Systemschlüsselbund, den Fieldbook nutzen kann, daher kann Ihr CRM-Passwort nicht sicher aufbewahrt werden. Bitten Sie die IT, den Schlüsselbund einzurichten, und melden Sie sich dann erneut an.</translation>
        </message>
        <message>
            <source>Your CRM session has ended. Sign in again; your changes are kept.</source>
            <translation>Ihre CRM-Sitzung ist abgelaufen. Melden Sie sich erneut an; Ihre Änderungen bleiben erhalten.</translation>
        </message>
        <message>
            <source>The CRM cannot be reached right now. Your changes are kept and will be sent when it can.</source>
            <translation>Das CRM ist gerade nicht erreichbar. Ihre Änderungen bleiben erhalten und werden gesendet, sobald es wieder geht.</translation>
        </message>
        <message>
            <source>The CRM asked Fieldbook to wait a little. Your changes are kept and will be sent shortly.</source>
            <translation>Das CRM hat Fieldbook gebeten, kurz zu warten. Ihre Änderungen bleiben erhalten und werden in Kürze gesendet.</translation>
        </message>
        <message>
            <source>The CRM refused the change: {detail}</source>
            <translation>Das CRM hat die Änderung abgelehnt: {detail}</translation>
        </message>
        <message>
            <source>The record was changed on the CRM meanwhile. Sync, then look at it again.</source>
            <translation>Der Datensatz wurde inzwischen im CRM geändert. Synchronisieren Sie und sehen Sie ihn sich dann noch einmal an.</translation>
        </message>
        <message>
            <source>The CRM no longer has this record, or you may no longer see it.</source>
            <translation>Das CRM hat diesen Datensatz nicht mehr, oder Sie dürfen ihn nicht mehr sehen.</translation>
        </message>
        <message>
            <source>The CRM could not do this: {detail}</source>
            <translation>Das CRM konnte dies nicht ausführen: {detail}</translation>
        </message>
        <message>
            <source>A sync is already running.</source>
            <translation>Eine Synchronisierung läuft bereits.</translation>
        </message>
        <message>
            <source>Sync was cancelled.</source>
            <translation>Die Synchronisierung wurde abgebrochen.</translation>
        </message>
        <message>
            <source>This data file was written by a newer version of Fieldbook. Update Fieldbook to open it; nothing in it was changed.</source>
            <translation>Diese Datendatei wurde von einer neueren Fieldbook-Version geschrieben. Aktualisieren Sie Fieldbook, um sie zu öffnen; an ihr wurde nichts geändert.</translation>
        </message>
        <message>
            <source>There is nothing left to undo: the records have changed since.</source>
            <translation>Es gibt nichts mehr rückgängig zu machen: Die Datensätze haben sich seitdem geändert.</translation>
        </message>
        <message>
            <source>The copy of your book of business on this computer is encrypted, and its key is not in this computer's keyring (a new computer, or a reset keyring), so it cannot be opened. Fieldbook can set the file aside, unchanged, and sync a fresh copy from your CRM.</source>
            <translation>Die Kopie Ihres Kundenbestands auf diesem Computer ist verschlüsselt, und ihr Schlüssel ist nicht im Schlüsselbund dieses Computers (ein neuer Computer oder ein zurückgesetzter Schlüsselbund). Deshalb kann sie nicht geöffnet werden. Fieldbook kann die Datei unverändert beiseitelegen und eine frische Kopie aus Ihrem CRM synchronisieren.</translation>
        </message>
        <message>
            <source>Your company requires the local copy to be encrypted, and this computer has no system keyring to keep its key. Ask IT to enable the keyring (GNOME Keyring or KWallet), then start Fieldbook again.</source>
            <translation>Ihr Unternehmen verlangt, dass die lokale Kopie verschlüsselt ist, und dieser Computer hat keinen System-Schlüsselbund für ihren Schlüssel. Bitten Sie die IT, den Schlüsselbund einzurichten (GNOME Keyring oder KWallet), und starten Sie Fieldbook dann erneut.</translation>
        </message>
        <message>
            <source>This computer has no system keyring, so your local copy is not encrypted. Anyone with this computer's disk could read it.</source>
            <translation>Dieser Computer hat keinen System-Schlüsselbund, deshalb ist Ihre lokale Kopie nicht verschlüsselt. Wer die Festplatte dieses Computers hat, könnte sie lesen.</translation>
        </message>
        <message>
            <source>The CRM no longer accepts your sign-in: your access may have been ended. This copy is locked; sign in again, or ask IT.</source>
            <translation>Das CRM nimmt Ihre Anmeldung nicht mehr an: Ihr Zugang wurde möglicherweise beendet. Diese Kopie ist gesperrt; melden Sie sich erneut an oder fragen Sie die IT.</translation>
        </message>
        <message>
            <source>This copy of your book of business is locked. Sign in to your CRM to open it.</source>
            <translation>Diese Kopie Ihres Kundenbestands ist gesperrt. Melden Sie sich bei Ihrem CRM an, um sie zu öffnen.</translation>
        </message>
        <message>
            <source>Waiting for your decision on a conflict.</source>
            <translation>Wartet auf Ihre Entscheidung zu einem Konflikt.</translation>
        </message>
        <message>
            <source>Waiting for a record it refers to ({record}) to reach {crm}.</source>
            <translation>Wartet, bis ein Datensatz, auf den es verweist ({record}), {crm} erreicht hat.</translation>
        </message>
        <message>
            <source>The CRM refused this change.</source>
            <translation>Das CRM hat diese Änderung abgelehnt.</translation>
        </message>
        <message>
            <source>The CRM asked to send this again later.</source>
            <translation>Das CRM hat gebeten, dies später erneut zu senden.</translation>
        </message>
        <message>
            <source>Sending this failed {attempts} times, so Fieldbook stopped trying. Retry it, or discard it.</source>
            <translation>Das Senden ist {attempts}-mal fehlgeschlagen, daher versucht Fieldbook es nicht weiter. Versuchen Sie es erneut oder verwerfen Sie es.</translation>
        </message>
        <message>
            <source>Something went wrong ({type}). Your data is safe; try again.</source>
            <translation>Etwas ist schiefgegangen ({type}). Ihre Daten sind sicher; versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The CRM cannot be reached right now. Your changes are kept and sent when it can be.</source>
            <translation>Das CRM ist gerade nicht erreichbar. Ihre Änderungen bleiben erhalten und werden gesendet, sobald es wieder erreichbar ist.</translation>
        </message>
        <message>
            <source>The CRM did not answer in time. Your changes are kept; Fieldbook tries again.</source>
            <translation>Das CRM hat nicht rechtzeitig geantwortet. Ihre Änderungen bleiben erhalten; Fieldbook versucht es erneut.</translation>
        </message>
        <message>
            <source>The connection to the CRM broke off in the middle of an answer. Your changes are kept; Fieldbook tries again.</source>
            <translation>Die Verbindung zum CRM ist mitten in einer Antwort abgebrochen. Ihre Änderungen bleiben erhalten; Fieldbook versucht es erneut.</translation>
        </message>
        <message>
            <source>The CRM sent an answer Fieldbook could not read, so nothing of it was used. Your changes are kept; Fieldbook tries again.</source>
            <translation>Das CRM hat eine Antwort gesendet, die Fieldbook nicht lesen konnte, daher wurde nichts davon übernommen. Ihre Änderungen bleiben erhalten; Fieldbook versucht es erneut.</translation>
        </message>
        <message>
            <source>A web page answered instead of the CRM: perhaps a Wi-Fi sign-in page. Open a browser to sign in to the network; your changes are kept.</source>
            <translation>Statt des CRM hat eine Webseite geantwortet, vielleicht eine WLAN-Anmeldeseite. Öffnen Sie einen Browser, um sich im Netzwerk anzumelden; Ihre Änderungen bleiben erhalten.</translation>
        </message>
        <message>
            <source>The CRM had a problem of its own with this request. Your changes are kept; Fieldbook tries again later.</source>
            <translation>Das CRM hatte selbst ein Problem mit dieser Anfrage. Ihre Änderungen bleiben erhalten; Fieldbook versucht es später erneut.</translation>
        </message>
        <message>
            <source>The CRM left this record out of its answer although it holds it. Your change is kept; Fieldbook asks again at the next sync.</source>
            <translation>Das CRM hat diesen Datensatz in seiner Antwort ausgelassen, obwohl es ihn hat. Ihre Änderung bleibt erhalten; Fieldbook fragt beim nächsten Synchronisieren erneut.</translation>
        </message>
        <message>
            <source>The CRM asks Fieldbook to slow down. Your changes are kept and sent shortly.</source>
            <translation>Das CRM bittet Fieldbook, langsamer zu machen. Ihre Änderungen bleiben erhalten und werden in Kürze gesendet.</translation>
        </message>
        <message>
            <source>Your CRM does not offer “{value}” for {field}. It offers: {choices}.</source>
            <translation>Ihr CRM bietet für {field} den Wert „{value}“ nicht an. Es bietet: {choices}.</translation>
        </message>
        <message>
            <source>Your CRM does not offer “{value}” for {field} on the record type “{record_type}”. It offers: {choices}.</source>
            <translation>Ihr CRM bietet für {field} beim Datensatztyp „{record_type}“ den Wert „{value}“ nicht an. Es bietet: {choices}.</translation>
        </message>
        <message>
            <source>{field} “{value}” has no counterpart in your CRM. Choose another value.</source>
            <translation>{field} „{value}“ gibt es in Ihrem CRM nicht. Wählen Sie einen anderen Wert.</translation>
        </message>
        <message>
            <source>Your CRM does not let you change {field}. Undo the change, or ask your CRM admin.</source>
            <translation>Ihr CRM erlaubt Ihnen nicht, {field} zu ändern. Machen Sie die Änderung rückgängig oder fragen Sie Ihre CRM-Administration.</translation>
        </message>
        <message>
            <source>Your CRM needs a value in {field}.</source>
            <translation>Ihr CRM braucht einen Wert in {field}.</translation>
        </message>
        <message>
            <source>{field} refers to a record that is not in your CRM yet.</source>
            <translation>{field} verweist auf einen Datensatz, der noch nicht in Ihrem CRM ist.</translation>
        </message>
        <message>
            <source>The CRM no longer accepts your sign-in, so this copy of your book of business is locked. Sign in again to open it; if that is refused, ask IT.</source>
            <translation>Das CRM nimmt Ihre Anmeldung nicht mehr an, deshalb ist diese Kopie Ihres Kundenbestands gesperrt. Melden Sie sich erneut an, um sie zu öffnen; wird das abgelehnt, fragen Sie die IT.</translation>
        </message>
        <message>
            <source>This copy of your book of business has not been synced with your CRM for {days} days, longer than your company allows, so it is locked. Sign in to your CRM to open it; nothing you changed is lost.</source>
            <translation>Diese Kopie Ihres Kundenbestands wurde seit {days} Tagen nicht mit Ihrem CRM synchronisiert, länger als Ihr Unternehmen erlaubt, deshalb ist sie gesperrt. Melden Sie sich bei Ihrem CRM an, um sie zu öffnen; nichts, was Sie geändert haben, geht verloren.</translation>
        </message>
        <message>
            <source>Fieldbook is not allowed to write to {}. Check the folder's permissions.</source>
            <translation>Fieldbook darf nicht in {} schreiben. Prüfen Sie die Berechtigungen des Ordners.</translation>
        </message>
        <message>
            <source>its data folder</source>
            <translation>seinen Datenordner</translation>
        </message>
        <message>
            <source>The disk is full. Free some space; nothing you typed was lost.</source>
            <translation>Der Datenträger ist voll. Schaffen Sie etwas Platz; nichts von Ihren Eingaben ging verloren.</translation>
        </message>
        <message>
            <source>The local data file could not be written. Your last change was not saved; try again, and restart Fieldbook if it keeps happening.</source>
            <translation>Die lokale Datendatei konnte nicht geschrieben werden. Ihre letzte Änderung wurde nicht gespeichert; versuchen Sie es erneut und starten Sie Fieldbook neu, wenn es wieder passiert.</translation>
        </message>
        <message>
            <source>Fieldbook</source>
            <translation>Fieldbook</translation>
        </message>
    </context>
    <context>
        <name>field_access</name>
        <message>
            <source>CRM</source>
            <translation>CRM</translation>
        </message>
        <message>
            <source>Not in your {crm} — kept in Fieldbook only</source>
            <translation>Nicht in Ihrem {crm} – nur in Fieldbook gespeichert</translation>
        </message>
        <message>
            <source>Your {crm} admin does not let you change this field</source>
            <translation>Ihr {crm}-Administrator erlaubt Ihnen nicht, dieses Feld zu ändern</translation>
        </message>
        <message>
            <source>What your {crm} shares with you</source>
            <translation>Was Ihr {crm} mit Ihnen teilt</translation>
        </message>
        <message>
            <source>Fieldbook syncs the records these queries select. Your IT team can change them.</source>
            <translation>Fieldbook synchronisiert die Datensätze, die diese Abfragen auswählen. Ihr IT-Team kann sie ändern.</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Copy the queries, for example to send to IT</source>
            <translation>Die Abfragen kopieren, etwa um sie an die IT zu schicken</translation>
        </message>
    </context>
    <context>
        <name>form_fields</name>
        <message>
            <source>name@example.com</source>
            <translation>name@beispiel.de</translation>
        </message>
        <message>
            <source>https://…</source>
            <translation>https://…</translation>
        </message>
        <message>
            <source>e.g. {}</source>
            <translation>z. B. {}</translation>
        </message>
        <message>
            <source>Stored as {}</source>
            <translation>Gespeichert als {}</translation>
        </message>
        <message>
            <source>{} amounts have no decimals: type a whole number.</source>
            <translation>Beträge in {} haben keine Nachkommastellen: Geben Sie eine ganze Zahl ein.</translation>
        </message>
        <message>
            <source>{currency} amounts have at most {digits} decimals.</source>
            <translation>Beträge in {currency} haben höchstens {digits} Nachkommastellen.</translation>
        </message>
        <message>
            <source>Expected an amount such as {}.</source>
            <translation>Erwartet wird ein Betrag wie {}.</translation>
        </message>
        <message>
            <source>Company currency ({})</source>
            <translation>Unternehmenswährung ({})</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
        <message>
            <source>yyyy-mm-dd</source>
            <translation>jjjj-mm-tt</translation>
        </message>
        <message>
            <source>Pick…</source>
            <translation>Wählen…</translation>
        </message>
        <message>
            <source>Pick a date from a calendar</source>
            <translation>Ein Datum im Kalender wählen</translation>
        </message>
        <message>
            <source>(other record)</source>
            <translation>(anderer Datensatz)</translation>
        </message>
        <message>
            <source>Type part of an account name</source>
            <translation>Teil eines Kontonamens eingeben</translation>
        </message>
        <message>
            <source>There is no account named “{}”. Pick one from the list.</source>
            <translation>Es gibt kein Konto namens „{}“. Wählen Sie eines aus der Liste.</translation>
        </message>
    </context>
    <context>
        <name>i18n</name>
        <message>
            <source>English</source>
            <translation>Englisch</translation>
        </message>
        <message>
            <source>German</source>
            <translation>Deutsch</translation>
        </message>
    </context>
    <context>
        <name>lock_dialog</name>
        <message>
            <source>Fieldbook</source>
            <translation>Fieldbook</translation>
        </message>
        <message>
            <source>If your keyring is only locked, unlock it and choose Try Again. The file: {}</source>
            <translation>Ist Ihr Schlüsselbund nur gesperrt, entsperren Sie ihn und wählen Sie „Erneut versuchen“. Die Datei: {}</translation>
        </message>
        <message>
            <source>Set Aside and Sync Afresh</source>
            <translation>Beiseitelegen und neu synchronisieren</translation>
        </message>
        <message>
            <source>Try Again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>Encrypting the copy of your book of business on this computer…</source>
            <translation>Die Kopie Ihres Kundenbestands auf diesem Computer wird verschlüsselt…</translation>
        </message>
    </context>
    <context>
        <name>outbox</name>
        <message>
            <source>New</source>
            <translation>Neu</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>next sync</source>
            <translation>nächste Synchronisierung</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Datensatz</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Änderung</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Versuche</translation>
        </message>
        <message>
            <source>Next try</source>
            <translation>Nächster Versuch</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>Letzter Fehler</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Abgelehnt</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>Wartet</translation>
        </message>
        <message>
            <source>after Retry</source>
            <translation>nach Erneut versuchen</translation>
        </message>
        <message>
            <source>The CRM refused this change. Fix the record, then Retry; or Discard it.</source>
            <translation>Das CRM hat diese Änderung abgelehnt. Korrigieren Sie den Datensatz und wählen Sie Erneut versuchen, oder verwerfen Sie sie.</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Was</translation>
        </message>
        <message>
            <source>Conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message>
            <source>Changed here and in the CRM</source>
            <translation>Hier und im CRM geändert</translation>
        </message>
        <message>
            <source>Deleted in the CRM</source>
            <translation>Im CRM gelöscht</translation>
        </message>
        <message>
            <source>Deleted here, changed in the CRM</source>
            <translation>Hier gelöscht, im CRM geändert</translation>
        </message>
    </context>
    <context>
        <name>record_dialog</name>
        <message>
            <source>New account</source>
            <translation>Neues Konto</translation>
        </message>
        <message>
            <source>New contact</source>
            <translation>Neuer Kontakt</translation>
        </message>
        <message>
            <source>New opportunity</source>
            <translation>Neue Verkaufschance</translation>
        </message>
        <message>
            <source>New contract</source>
            <translation>Neuer Vertrag</translation>
        </message>
        <message>
            <source>New note</source>
            <translation>Neue Notiz</translation>
        </message>
        <message>
            <source>New task</source>
            <translation>Neue Aufgabe</translation>
        </message>
        <message>
            <source>Edit account</source>
            <translation>Konto bearbeiten</translation>
        </message>
        <message>
            <source>Edit contact</source>
            <translation>Kontakt bearbeiten</translation>
        </message>
        <message>
            <source>Edit opportunity</source>
            <translation>Verkaufschance bearbeiten</translation>
        </message>
        <message>
            <source>Edit contract</source>
            <translation>Vertrag bearbeiten</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>Notiz bearbeiten</translation>
        </message>
        <message>
            <source>Edit task</source>
            <translation>Aufgabe bearbeiten</translation>
        </message>
        <message>
            <source>Edit account: {}</source>
            <translation>Konto bearbeiten: {}</translation>
        </message>
        <message>
            <source>Edit contact: {}</source>
            <translation>Kontakt bearbeiten: {}</translation>
        </message>
        <message>
            <source>Edit opportunity: {}</source>
            <translation>Verkaufschance bearbeiten: {}</translation>
        </message>
        <message>
            <source>Edit contract: {}</source>
            <translation>Vertrag bearbeiten: {}</translation>
        </message>
        <message>
            <source>Edit note: {}</source>
            <translation>Notiz bearbeiten: {}</translation>
        </message>
        <message>
            <source>Edit task: {}</source>
            <translation>Aufgabe bearbeiten: {}</translation>
        </message>
        <message>
            <source>Delete account</source>
            <translation>Konto löschen</translation>
        </message>
        <message>
            <source>Delete contact</source>
            <translation>Kontakt löschen</translation>
        </message>
        <message>
            <source>Delete opportunity</source>
            <translation>Verkaufschance löschen</translation>
        </message>
        <message>
            <source>Delete contract</source>
            <translation>Vertrag löschen</translation>
        </message>
        <message>
            <source>Delete note</source>
            <translation>Notiz löschen</translation>
        </message>
        <message>
            <source>Delete task</source>
            <translation>Aufgabe löschen</translation>
        </message>
        <message>
            <source>Delete {}?</source>
            <translation>{} löschen?</translation>
        </message>
        <message>
            <source>Delete the contact “{}”?</source>
            <translation>Den Kontakt „{}“ löschen?</translation>
        </message>
        <message>
            <source>Delete the opportunity “{}”?</source>
            <translation>Die Verkaufschance „{}“ löschen?</translation>
        </message>
        <message>
            <source>Delete the contract “{}”?</source>
            <translation>Den Vertrag „{}“ löschen?</translation>
        </message>
        <message>
            <source>Delete the note “{}”?</source>
            <translation>Die Notiz „{}“ löschen?</translation>
        </message>
        <message>
            <source>Delete the task “{}”?</source>
            <translation>Die Aufgabe „{}“ löschen?</translation>
        </message>
        <message>
            <source>Undo edit of account</source>
            <translation>Änderung am Konto rückgängig machen</translation>
        </message>
        <message>
            <source>Undo edit of contact</source>
            <translation>Änderung am Kontakt rückgängig machen</translation>
        </message>
        <message>
            <source>Undo edit of opportunity</source>
            <translation>Änderung an der Verkaufschance rückgängig machen</translation>
        </message>
        <message>
            <source>Undo edit of contract</source>
            <translation>Änderung am Vertrag rückgängig machen</translation>
        </message>
        <message>
            <source>Undo edit of note</source>
            <translation>Änderung an der Notiz rückgängig machen</translation>
        </message>
        <message>
            <source>Undo edit of task</source>
            <translation>Änderung an der Aufgabe rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of account</source>
            <translation>Löschen des Kontos rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of contact</source>
            <translation>Löschen des Kontakts rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of opportunity</source>
            <translation>Löschen der Verkaufschance rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of contract</source>
            <translation>Löschen des Vertrags rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of note</source>
            <translation>Löschen der Notiz rückgängig machen</translation>
        </message>
        <message>
            <source>Undo delete of task</source>
            <translation>Löschen der Aufgabe rückgängig machen</translation>
        </message>
        <message>
            <source>Save (Ctrl+Enter)</source>
            <translation>Speichern (Strg+Eingabe)</translation>
        </message>
        <message>
            <source>{} and {}</source>
            <translation>{} und {}</translation>
        </message>
        <message>
            <source>Its {} is deleted too.</source>
            <translation>Dazu gehörend wird ebenfalls gelöscht: {}.</translation>
        </message>
        <message>
            <source>Its {} are deleted too.</source>
            <translation>Dazu gehörend werden ebenfalls gelöscht: {}.</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
    </context>
    <context>
        <name>relationship_map</name>
        <message>
            <source>Supporter</source>
            <translation>Unterstützer</translation>
        </message>
        <message>
            <source>Neutral</source>
            <translation>Neutral</translation>
        </message>
        <message>
            <source>Detractor</source>
            <translation>Kritiker</translation>
        </message>
        <message>
            <source>Stance unknown</source>
            <translation>Haltung unbekannt</translation>
        </message>
        <message>
            <source>Role not set</source>
            <translation>Rolle nicht gesetzt</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(ohne Namen)</translation>
        </message>
        <message>
            <source>No contacts yet. Add one with New contact; set “Reports to” to place people in the chart.</source>
            <translation>Noch keine Kontakte. Legen Sie einen mit Neuer Kontakt an; setzen Sie „Berichtet an“, um Personen im Organigramm zu platzieren.</translation>
        </message>
    </context>
    <context>
        <name>salesforce</name>
        <message>
            <source>Salesforce</source>
            <translation>Salesforce</translation>
        </message>
    </context>
    <context>
        <name>self_test</name>
        <message>
            <source>Fieldbook self-test</source>
            <translation>Fieldbook-Selbsttest</translation>
        </message>
    </context>
    <context>
        <name>store_guard</name>
        <message>
            <source>As your company requires, the local copy was removed.</source>
            <translation>Wie von Ihrem Unternehmen vorgeschrieben, wurde die lokale Kopie entfernt.</translation>
        </message>
        <message>
            <source>As your company requires, the local copy was removed. Your unsynced changes were saved first, encrypted, in the file {} beside it.</source>
            <translation>Wie von Ihrem Unternehmen vorgeschrieben, wurde die lokale Kopie entfernt. Ihre nicht synchronisierten Änderungen wurden vorher verschlüsselt in der Datei {} daneben gesichert.</translation>
        </message>
    </context>
    <context>
        <name>style</name>
        <message>
            <source>today</source>
            <translation>heute</translation>
        </message>
        <message>
            <source>tomorrow</source>
            <translation>morgen</translation>
        </message>
        <message>
            <source>yesterday</source>
            <translation>gestern</translation>
        </message>
    </context>
    <context>
        <name>validation</name>
        <message>
            <source>{field} is required.</source>
            <translation>{field} ist erforderlich.</translation>
        </message>
        <message>
            <source>{field} must be at most {n} characters.</source>
            <translation>{field} darf höchstens {n} Zeichen lang sein.</translation>
        </message>
        <message>
            <source>Expected an e-mail address such as {example}.</source>
            <translation>Erwartet wird eine E-Mail-Adresse wie {example}.</translation>
        </message>
        <message>
            <source>Expected one of: {choices}.</source>
            <translation>Erwartet wird eines von: {choices}.</translation>
        </message>
        <message>
            <source>Expected a whole number.</source>
            <translation>Erwartet wird eine ganze Zahl.</translation>
        </message>
        <message>
            <source>Expected a number from {low} to {high}.</source>
            <translation>Erwartet wird eine Zahl von {low} bis {high}.</translation>
        </message>
        <message>
            <source>Expected an amount below {max}.</source>
            <translation>Erwartet wird ein Betrag unter {max}.</translation>
        </message>
        <message>
            <source>Expected an amount such as 12500 or 12,500.50.</source>
            <translation>Erwartet wird ein Betrag wie 12500 oder 12.500,50.</translation>
        </message>
        <message>
            <source>Expected at most {digits} decimals for {currency}.</source>
            <translation>Für {currency} sind höchstens {digits} Nachkommastellen erlaubt.</translation>
        </message>
        <message>
            <source>Expected yes or no.</source>
            <translation>Erwartet wird Ja oder Nein.</translation>
        </message>
        <message>
            <source>Expected a date between {low} and {high}.</source>
            <translation>Erwartet wird ein Datum zwischen {low} und {high}.</translation>
        </message>
        <message>
            <source>{field}: expected text.</source>
            <translation>{field}: Erwartet wird Text.</translation>
        </message>
        <message>
            <source>{field} contains a character that cannot be stored (a control character).</source>
            <translation>{field} enthält ein Zeichen, das nicht gespeichert werden kann (ein Steuerzeichen).</translation>
        </message>
        <message>
            <source>Expected a web address.</source>
            <translation>Erwartet wird eine Webadresse.</translation>
        </message>
        <message>
            <source>{field}: expected a record.</source>
            <translation>{field}: Erwartet wird ein Datensatz.</translation>
        </message>
        <message>
            <source>{field}: expected a value.</source>
            <translation>{field}: Erwartet wird ein Wert.</translation>
        </message>
        <message>
            <source>Expected one of the listed choices.</source>
            <translation>Erwartet wird einer der aufgeführten Werte.</translation>
        </message>
        <message>
            <source>Expected a whole number from 0 to 100.</source>
            <translation>Erwartet wird eine ganze Zahl von 0 bis 100.</translation>
        </message>
        <message>
            <source>{field} cannot be changed: your CRM's admin does not let you change this field.</source>
            <translation>{field} kann nicht geändert werden: Der Administrator Ihres CRM erlaubt Ihnen nicht, dieses Feld zu ändern.</translation>
        </message>
        <message>
            <source>{field} is not a field of this record.</source>
            <translation>{field} ist kein Feld dieses Datensatzes.</translation>
        </message>
        <message>
            <source>Expected a currency code such as USD, EUR or JPY.</source>
            <translation>Erwartet wird ein Währungscode wie USD, EUR oder JPY.</translation>
        </message>
        <message>
            <source>{field} must not be negative.</source>
            <translation>{field} darf nicht negativ sein.</translation>
        </message>
        <message>
            <source>Expected a date such as {example}.</source>
            <translation>Erwartet wird ein Datum wie {example}.</translation>
        </message>
        <message>
            <source>Expected a date and time such as {example}.</source>
            <translation>Erwartet werden Datum und Uhrzeit wie {example}.</translation>
        </message>
        <message>
            <source>{field} must not be before the start date.</source>
            <translation>{field} darf nicht vor dem Beginn liegen.</translation>
        </message>
        <message>
            <source>A contact cannot report to themselves.</source>
            <translation>Ein Kontakt kann nicht an sich selbst berichten.</translation>
        </message>
        <message>
            <source>An account cannot be its own parent.</source>
            <translation>Ein Konto kann nicht seine eigene Muttergesellschaft sein.</translation>
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>Sign In to CRM…</source>
            <translation>Beim CRM anmelden…</translation>
        </message>
        <message>
            <source>Sign Out…</source>
            <translation>Abmelden…</translation>
        </message>
        <message>
            <source>Connect to Salesforce…</source>
            <translation>Mit Salesforce verbinden …</translation>
        </message>
    </context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name />
        <message>
            <source>today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tomorrow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yesterday</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AccountListModel</name>
        <message>
            <source>Part of {}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AccountsView</name>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filter by name, city or industry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All tiers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any churn risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All cities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All owners</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear filters</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>No accounts match</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing in your book matches these filters. Try fewer words, or clear the filters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your book of business is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add your first account with File › New Account (Ctrl+Shift+A), or connect to your CRM from the Sync menu to bring your accounts here.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Brief</name>
        <message>
            <source>{} tier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Part of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subsidiaries: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MRR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Annual revenue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Weighted pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>of {} open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no open deals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Churn risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NPS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Talking points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing pressing: a good day to ask about their plans.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contracts and renewals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contracts on record.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-renew</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>passed {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Weighted {} of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open opportunities.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prob.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>People who matter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No stakeholders mapped yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Escalations and risks in recent notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What happened lately</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No notes yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open tasks and follow-ups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open tasks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook · account brief</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Points</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trip briefs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook · trip briefs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} (continued)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Page {} of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not start writing the pages (is the file open elsewhere?).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account briefs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>As of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last sync {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All changes synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No local changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Escalation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Outage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SLA</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Churn</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancellation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Termination</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Competitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Complaint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Incident</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breach</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Frustration</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Renewal: notice on {number} is due by {deadline} ({days}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It renews on its own unless notice is given: confirm intent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It does not auto-renew: agree the renewal now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice deadline on {number} passed {ago}; the contract ends {end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} ({stage}) was due to close {ago}: reset the close date or the plan.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} has gone quiet: last note {date}. Ask what it takes to move.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} has no notes yet: ask what it takes to move.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Champion {name} not contacted for {days} days: reconnect first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Champion {name} has never been contacted: reconnect first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No champion among the stakeholders: who will sell for us inside?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Business review overdue since {date}: propose a date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No business review since {date}: propose one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No business review on record: propose one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health is red: {reason}. Say what is being done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health is red. Say what is being done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High churn risk: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High churn risk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NPS is {nps}: ask what would make them recommend us.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} ({role}) is against us: plan how to win them over.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow-up overdue: “{subject}” ({days} days late). Close it first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} follow-ups overdue, oldest “{subject}” ({days} days late).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Acknowledge the {words} raised on {date} (“{title}”).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BriefExport</name>
        <message>
            <source>Brief - {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export briefs as PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preparing brief…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Writing pages…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Print brief</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>BriefView</name>
        <message>
            <source>Click a line to open the record it comes from.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Print…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Resolve conflicts — {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This record was changed both on this computer and in the CRM. For each item, choose what to keep. Until you do, your version stays here and is not sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose for every item first</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n account(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) not yet synced</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n opportunity(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source> and %n more</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>passed %n day(s) ago</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>Trip briefs (%n account(s))</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>Preparing %n brief(s)…</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n champion(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n detractor(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) late</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n day(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) ago</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Renewals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Brief</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back to the list (Alt+Left)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search accounts, contacts, opportunities, notes…  (Ctrl+K)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;Note…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quick Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;Task…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;Opportunity…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;Contact…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;Account…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export &amp;Briefs to PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Briefs for a T&amp;rip…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo Last Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit Account…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Search Everything</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Filter Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Renewals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy &amp;Diagnostics</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open &amp;Log Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About Fieldbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select one or more accounts first, then export their briefs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>That record no longer exists here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About Fieldbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;h3&gt;Fieldbook {}&lt;/h3&gt;&lt;p&gt;Your book of business, offline: accounts, contacts, notes, opportunities, contracts and tasks, synced with your CRM when the network is there.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Diagnostics copied to the clipboard: paste them into your message to support.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n account(s) shown</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>OutboxDialog</name>
        <message>
            <source>Outbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send the selected changes at the next sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop the selected changes; the records go back to what the CRM has</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolve…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes waiting to be sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The last sync failed: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No CRM is connected: nothing is sent anywhere.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything you changed has reached the CRM.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>• and %n more.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>Discard %n change(s)? This cannot be undone.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Sign in to the CRM again to send your changes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM cannot be reached; they go when it can.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM refused {}: see the reason, fix the record and Retry, or Discard.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— changed both here and in the CRM; choose what to keep</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>— none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>• The new {} and what you added to it will be removed from this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>• Your edit of the {} will be undone; it goes back to what the CRM has.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>• The {} you deleted comes back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard changes</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PipelineView</name>
        <message>
            <source>Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Probability</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open an account and add an opportunity with New Opportunity (Ctrl+Shift+O); it shows here by stage.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… and %n more, the latest closing last</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n open · {} in total</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>PreferencesDialog</name>
        <message>
            <source>Preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where I left off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open Fieldbook on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Light and dark appearance follow your system settings.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>QuickCapture</name>
        <message>
            <source>Quick note: what happened? (Ctrl+Enter saves)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Details, decisions, next steps…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note body</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind of note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When it happened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save note (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write a few words first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RecordDialog</name>
        <message numerus="yes">
            <source>Please correct the %n highlighted field(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>RenewalsView</name>
        <message>
            <source>Renewals</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Urgency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MRR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-renew</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No active contracts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contracts with an end date show here, nearest notice deadline first. Add one from an account's Contracts section.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n contract(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n with notice due within 30 days</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source> · the {} nearest shown</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SearchPopup</name>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(untitled)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No matches for “{}”</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to your CRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook keeps a copy of your book of business on this computer and syncs it with your company's CRM.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>https://crm.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database name, from your IT team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your password is kept in the system keyring, never in Fieldbook's files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>server address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>user name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please enter the {}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The user name or password is not right. Check them (is Caps Lock on?) and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server cannot be reached. Check the address and your network connection, then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's security certificate is not trusted, so Fieldbook did not send your password. Check the address, or ask IT.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No CRM answers at this address with this database. Check the server address (like https://crm.example.com) and the database name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM could not sign you in ({}). Try again later, or ask IT.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncController</name>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send your changes and fetch the CRM's (F9)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message>
            <source>Outbox and conflicts…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} to send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} refused</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Open the outbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Local only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing… sending your changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing… checking for deletions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing… {} received</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline · changes are kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up to date · {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up to date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook is working on this computer's copy; no CRM is connected. Sign in to a CRM to sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM asks you to sign in again. Your changes are kept until then. Click to sign in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM cannot be reached. Your changes are kept and sent when it can be.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last successful sync: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next try in {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last error: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click to see what is waiting to be sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>synced just now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>synced {} min ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>synced {} h ago</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>synced {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} h</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing due. Add a follow-up from an account with New Task (Ctrl+T).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meetings this week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No meetings planned this week. Plan one as a task of kind Meeting.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Business reviews in the next 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No business review in the next 30 days. Set an account's next review date to see it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MRR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice deadlines within 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contract notice deadline in the next 30 days.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue · {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick to mark the task done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>· {} (the first {} shown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} · passed {}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TripPackDialog</name>
        <message>
            <source>Briefs for a trip</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>One PDF with a brief per account, each on its own page: read it on the way, offline.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This week's meetings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} to {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export PDF…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n account(s) selected</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>_Section</name>
        <message>
            <source>changed here and in the CRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Their change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take theirs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep both</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted in the CRM by someone else. You had changed this {} here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore it (send my copy to the CRM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Let it go</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You deleted this {} here, but someone changed it in the CRM meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete it in the CRM too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep it (take their copy)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>account_view</name>
        <message>
            <source>Edit account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MRR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NPS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next business review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Part of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parent of {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parent of: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health and churn risk not assessed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not planned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>with {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>by {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit the selected {} (Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the selected {} (Del)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick an account in the list, or search for one with Ctrl+K.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contracts yet. Add one with New contract: its notice deadline is worked out from the end date and notice period.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No tasks yet. Add a follow-up with New task; tick a task to complete it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contacts yet. Add the people you work with using New contact.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Map: who reports to whom. Click a person to select, double-click to edit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No notes yet — write one above and press Ctrl+Enter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No opportunities yet. Add an upsell or renewal with New opportunity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move to stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move the selected opportunity to another stage (Ctrl+Shift+M)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contracts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This account no longer exists here. It may have been deleted, or removed by a sync.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>No system keyring here: your CRM sign-in is kept only until you quit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo book of business, on this computer only (no demo CRM to sync with).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The demo CRM needs Tryton (pip install -e '.[crm]'); working on the local copy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Starting the demo CRM on this computer… (the first start takes a minute)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo CRM running at {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The demo CRM did not start ({}); working on the local copy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You are not signed in to a CRM.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>box</name>
        <message>
            <source>Sign out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign out of the CRM on this computer?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also remove my book of business from this computer</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) have not reached the CRM yet. Removing the local copy loses them.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Remove and lose them</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>chips</name>
        <message>
            <source>Healthy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Watch</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Low risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medium risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Passed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>≤ 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>≤ 90 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prospecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qualification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discovery</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proposal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Negotiation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed won</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed lost</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>choices</name>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Prospect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Strategic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enterprise</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Growth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Standard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Green</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amber</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Red</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Low</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Medium</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>High</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Economic buyer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decision maker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Champion</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Influencer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Blocker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supporter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detractor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New business</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upsell</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cross-sell</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Renewal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pipeline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Best case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Commit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Omitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Draft</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Terminated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Meeting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Call</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Email</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Business review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>conflict_dialog</name>
        <message>
            <source>(empty)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(a record no longer here)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>entities</name>
        <message>
            <source>account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Parent account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Industry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Segment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Owner</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Website</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Street</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>City</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Country</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MRR</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Annual revenue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Currency</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Health reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Churn risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Churn risk reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>NPS</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next business review</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Description</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contacts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role in the deal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last contacted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opportunities</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Amount</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Probability</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forecast category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Competitor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>contracts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Contracts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Term (months)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>End date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notice period (days)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto-renew</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Body</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Author</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tasks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Priority</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Please check these fields: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It may have been deleted, or removed by a sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your CRM session has ended. Sign in again; your changes are kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM cannot be reached right now. Your changes are kept and will be sent when it can.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook is not allowed to write to {}. Check the folder's permissions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its data folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The disk is full. Free some space; nothing you typed was lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The local data file could not be written ({}). Your last change was not saved; try again, and restart Fieldbook if it keeps happening.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong: {}. Your data is safe; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>form_fields</name>
        <message>
            <source>name@example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>https://…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stored as {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} amounts have no decimals: type a whole number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{currency} amounts have at most {digits} decimals.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected an amount such as {}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company currency ({})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>—</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yyyy-mm-dd</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a date from a calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(other record)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type part of an account name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no account named “{}”. Pick one from the list.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>i18n</name>
        <message>
            <source>English</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>German</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>outbox</name>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>next sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next try</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>after Retry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CRM refused this change. Fix the record, then Retry; or Discard it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changed here and in the CRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted in the CRM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted here, changed in the CRM</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>record_dialog</name>
        <message>
            <source>New account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit account: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit contact: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit opportunity: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit contract: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit note: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit task: {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete {}?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the contact “{}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the opportunity “{}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the contract “{}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the note “{}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the task “{}”?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of contact</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of opportunity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of contract</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo edit of task</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save (Ctrl+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{} and {}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its {} is deleted too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its {} are deleted too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>relationship_map</name>
        <message>
            <source>Supporter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Neutral</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Detractor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stance unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role not set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no name)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No contacts yet. Add one with New contact; set “Reports to” to place people in the chart.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>validation</name>
        <message>
            <source>{field} is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{field} must be at most {n} characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected an e-mail address such as {example}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected one of: {choices}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a whole number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a number from {low} to {high}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected an amount such as 12500 or 12,500.50.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected at most {digits} decimals for {currency}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected yes or no.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a date between {low} and {high}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{field} is not a field of this record.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a currency code such as USD, EUR or JPY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{field} must not be negative.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a date such as {example}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected a date and time such as {example}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{field} must not be before the start date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A contact cannot report to themselves.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An account cannot be its own parent.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>window</name>
        <message>
            <source>Sign In to CRM…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign Out…</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>

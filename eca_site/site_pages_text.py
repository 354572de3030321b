"""The first text of the site's pages (terms, privacy notice, about, contact), written by the
data migration `eca_site/0004_seed_site_pages`; staff edit them in the admin afterwards.

Facts about the European Clusters Alliance are limited to public ones: launched in 2019 by the
"Warsaw Declaration" of national cluster associations, based in Brussels, 15 national member
associations (clustercollaboration.eu/content/european-clusters-alliance). What the site does
with personal data is what this code base does (accounts, contacts on profiles, logs, the
log-in lockout); change the privacy notice with the code.
"""

VERSION = "2026-12-02"

TERMS = """
<p>These terms apply to the European cluster directory (the "directory"), a website run by the
European Clusters Alliance (ECA), Brussels, Belgium. Browsing the directory needs no account;
these terms matter most if you create one.</p>
<h2>1. What the directory is</h2>
<p>The directory publishes profiles of cluster organisations and of the national cluster
associations that unite them, with their events, news, documents and best practices. ECA runs it
to make European clusters visible and to help them find partners.</p>
<h2>2. Your account</h2>
<ul>
<li>An account is personal: one person, one e-mail address. Keep your password to yourself.</li>
<li>You must be 16 or older and act for an organisation you are allowed to represent.</li>
<li>You may close your account at any time by writing to us (see
<a href="/contact/">Contact</a>).</li>
</ul>
<h2>3. What you publish</h2>
<ul>
<li>You may register and edit only profiles of organisations you represent. ECA staff review
profiles before they are published and may ask for changes, refuse, edit or withdraw a profile
that is inaccurate, misleading, unlawful or outside the directory's purpose.</li>
<li>You confirm that what you enter is accurate and that you may publish it, including the names
and contact details of the people you list as contacts, who should know they are listed.</li>
<li>Profile facts are open data: anyone may reuse them with attribution to the directory. You keep
any rights in your texts and logos and allow ECA to publish, show and export them for the
directory's purpose.</li>
</ul>
<h2>4. Acceptable use</h2>
<p>Do not send spam, try to break into accounts or the site, harvest contact details for
unsolicited marketing, or load the site in ways that harm other visitors. We may suspend accounts
that do.</p>
<h2>5. Liability</h2>
<p>Profiles are written by the organisations themselves; ECA checks them but cannot guarantee that
every fact is correct or current. The directory is offered as it is, free of charge; ECA is liable
only as far as Belgian law does not allow it to exclude liability.</p>
<h2>6. Changes and law</h2>
<p>When these terms change in substance we publish the new version here with a new version date,
and tell account holders. Belgian law applies; the courts of Brussels have
jurisdiction, without prejudice to the rights consumers have where they live.</p>
"""

PRIVACY = """
<p>This notice explains what personal data the European cluster directory processes, why, and
what your rights are, as the EU General Data Protection Regulation (GDPR, Articles 13 and 14)
requires.</p>
<h2>1. Controller</h2>
<p>The controller is the European Clusters Alliance (ECA), Brussels, Belgium. You can reach us for
anything about your data by the means on the <a href="/contact/">Contact</a> page.</p>
<h2>2. What we process, why, and on what legal basis</h2>
<ul>
<li><strong>Your account</strong>: name, e-mail address, password (stored only as a salted hash),
when you accepted these terms and this notice and which version, when you confirmed your e-mail
address. Purpose: to let you keep your organisation's profile. Legal basis: the contract you
accept when you sign up (Art. 6(1)(b) GDPR).</li>
<li><strong>Contact persons on profiles</strong>: name, role, e-mail address and telephone number
that a manager or ECA staff enter. Purpose: to let visitors contact the organisation. Legal basis:
ECA's and the organisation's legitimate interest in being reachable (Art. 6(1)(f)); e-mail
addresses are shown in a form that makes harvesting harder.</li>
<li><strong>Edits and their history</strong>: who changed a profile, when, and what. Purpose: review
before publication, and correcting mistakes. Legal basis: legitimate interest (Art. 6(1)(f)).</li>
<li><strong>Security data</strong>: IP address, the e-mail address typed and the browser of failed
log-ins, and counters of requests per IP address. Purpose: to stop password guessing and spam.
Legal basis: legitimate interest in keeping accounts and the site safe (Art. 6(1)(f)).</li>
<li><strong>Server logs</strong>: the pages requested, time, status and IP address. Purpose:
running and securing the site. Legal basis: legitimate interest (Art. 6(1)(f)).</li>
</ul>
<p>We use only the cookies the site needs to work (a session cookie when you log in, and a
security token for forms). We use no advertising or tracking cookies and no third-party analytics,
and we do not sell or rent personal data.</p>
<h2>3. Who receives the data</h2>
<p>Published profiles, including their contact persons, are public. Otherwise only ECA staff and
the companies that host the site and send its e-mail on ECA's behalf, under data-processing
agreements, see personal data. We transfer no data outside the European Economic Area unless the
safeguards of Chapter V GDPR apply.</p>
<h2>4. How long we keep it</h2>
<ul>
<li>Account data: as long as the account exists; we delete it when you ask, within one month.</li>
<li>Contact persons: as long as they are listed on a profile; a manager or we remove them on
request.</li>
<li>Edit history: as long as the profile exists, so that changes can be traced.</li>
<li>Failed log-in records are cleared after a successful log-in; security counters expire within
hours; server logs are kept for at most 90 days.</li>
</ul>
<h2>5. Your rights</h2>
<p>You have the right to access your data, to have it corrected or erased, to restrict or object to
its processing, and to data portability (Articles 15 to 21 GDPR). Where processing is based on
legitimate interest you may object at any time. Write to us (see <a href="/contact/">Contact</a>);
we answer within one month. You may also lodge a complaint with a supervisory authority, in
Belgium the Data Protection Authority (Autorité de protection des données /
Gegevensbeschermingsautoriteit, <a href="https://www.dataprotectionauthority.be/">
dataprotectionauthority.be</a>), or the one where you live or work.</p>
<h2>6. Changes</h2>
<p>When this notice changes in substance we publish the new version here with a new version date
and tell account holders.</p>
"""

ABOUT = """
<p>The European cluster directory lists cluster organisations across Europe and the national
cluster associations that unite them: what they work on, where, with whom, and how to reach them.
Visitors can search and filter the profiles, see the clusters on a map of Europe, and follow their
events, news and best practices. Cluster managers register and keep their organisation's profile
themselves; ECA staff review each profile before it is published.</p>
<h2>Who runs it</h2>
<p>The directory is run by the <a href="https://clustersalliance.eu/">European Clusters Alliance</a>
(ECA), based in Brussels. ECA was launched in 2019 by national cluster associations, with the
Warsaw Declaration, to give Europe's clusters a common voice and to foster cooperation between
them. Today it unites 15 national cluster associations, whose profiles are in the directory.</p>
<h2>Open data</h2>
<p>Profile facts are open: every list can be exported as CSV or JSON, and events and news come as
feeds. Reuse them with attribution to the directory.</p>
"""

CONTACT = """
<p>The European cluster directory is run by the European Clusters Alliance (ECA), Brussels,
Belgium.</p>
<ul>
<li>Questions about the directory, your account, a profile, or your personal data:
<a href="mailto:directory@clustersalliance.eu">directory@clustersalliance.eu</a>.</li>
<li>A security problem on this site: see
<a href="/.well-known/security.txt">security.txt</a>.</li>
<li>The alliance itself: <a href="https://clustersalliance.eu/">clustersalliance.eu</a>.</li>
</ul>
<p>If you manage a cluster organisation, you can <a href="/accounts/signup/">create an account</a>
and register it yourself; there is no need to write to us first.</p>
"""

PAGES = [
    ("/terms/", "Terms of use", TERMS),
    ("/privacy/", "Privacy notice", PRIVACY),
    ("/about/", "About the directory", ABOUT),
    ("/contact/", "Contact", CONTACT),
]

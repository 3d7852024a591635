"""Email goes out through the SMTP server of the settings, text and HTML, or says why not."""

import pytest

from veille.diffuse import mailer
from veille.diffuse.mailer import Mail, MailError
from veille.instance import Instance


def test_a_mail_reaches_the_server_with_its_text_and_html_parts(instance: Instance, mailbox):
    mail = Mail(to=("conseil@maison.test",), subject="Veille : 3 nouveautés",
                text="Bonjour,\nTrois nouveautés.", html="<p>Bonjour, <b>trois</b> nouveautés.</p>")
    assert mailer.send(instance.settings.smtp, [mail]) == 1
    [message] = mailbox.messages
    assert message["Subject"] == "Veille : 3 nouveautés"
    assert message["To"] == "conseil@maison.test"
    assert "veille@maison.test" in message["From"]
    text = message.get_body(("plain",)).get_content()
    assert text.split() == ["Bonjour,", "Trois", "nouveautés."]
    assert "<b>trois</b>" in message.get_body(("html",)).get_content()
    assert mailbox.envelopes == [("veille@maison.test", ["conseil@maison.test"])]


def test_several_mails_go_out_over_one_connection(instance: Instance, mailbox):
    mails = [Mail(to=(f"p{n}@maison.test",), subject=f"n°{n}", text="…") for n in range(3)]
    assert mailer.send(instance.settings.smtp, mails) == 3
    assert [m["Subject"] for m in mailbox.messages] == ["n°0", "n°1", "n°2"]


def test_each_mail_the_server_accepts_is_told_before_a_later_one_fails(instance, mailbox):
    mails = [Mail(to=(f"p{n}@maison.test",), subject=f"n°{n}", text="…") for n in range(3)]
    mailbox.refused.add("p1@maison.test")
    accepted = []
    with pytest.raises(MailError, match="550"):
        mailer.send(instance.settings.smtp, mails, accepted.append)
    assert accepted == mails[:1]
    assert mailbox.envelopes == [("veille@maison.test", ["p0@maison.test"])]


def test_a_subject_cannot_add_headers(instance: Instance, mailbox):
    mail = Mail(to=("a@maison.test",), subject="Alerte\r\nBcc: espion@ailleurs.test", text=".")
    mailer.send(instance.settings.smtp, [mail])
    [message] = mailbox.messages
    assert message["Bcc"] is None
    assert mailbox.envelopes[0][1] == ["a@maison.test"]


@pytest.mark.parametrize("address", ["", "sans-arobase", "a@b.test, c@d.test",
                                     "x@y.test\nBcc: z@w.test", "<a@b.test>"])
def test_what_is_not_one_address_is_refused_before_anything_is_sent(address, instance, mailbox):
    with pytest.raises(MailError, match="not an email address") as refused:
        mailer.send(instance.settings.smtp, [Mail(to=(address,), subject="s", text="t")])
    assert mailbox.messages == []
    assert refused.value.kind == "mail_address"


def test_a_list_of_addresses_is_read_from_any_separator_without_repeats():
    text = "a@maison.test, b@maison.test;\nc@maison.test  a@maison.test"
    assert mailer.parse_addresses(text) == ("a@maison.test", "b@maison.test", "c@maison.test")


def test_without_a_server_nothing_is_sent_and_the_error_names_the_setting(instance, mailbox):
    instance.settings.smtp.host = ""
    with pytest.raises(MailError, match=r"\[smtp\] host") as refused:
        mailer.send(instance.settings.smtp, [Mail(to=("a@maison.test",), subject="s", text="t")])
    assert refused.value.kind == "mail_unset"


def test_a_server_that_does_not_answer_is_a_mail_error(instance, mailbox):
    instance.settings.smtp.port = 9  # discard: nobody listens on loopback
    with pytest.raises(MailError, match="127.0.0.1:9") as failed:
        mailer.send(instance.settings.smtp, [Mail(to=("a@maison.test",), subject="s", text="t")])
    assert failed.value.kind == "mail_failed"

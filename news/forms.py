from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms import inlineformset_factory
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from directory.models import Term, Vocabulary
from eca_site.lib.forms import SingleLineModelForm
from eca_site.lib.translated_text import TranslationsFormMixin
from eca_site.lib.uploads import check_upload, safe_filename

from .models import SECTOR_VOCABULARIES, BestPractice, BestPracticeAttachment

# Django renders help_text unescaped: escape the tag names shown as examples (lazily: the
# text is translated when the form is shown).
RICH_TEXT_HELP = escape(
    _(
        "Plain paragraphs, or simple HTML: <p>, <strong>, <em>, <a href>, <ul>/<ol> lists and "
        "<h3> headings. Anything else is removed when saved."
    )
)
CTRL_HELP = _("Hold Ctrl (Cmd on a Mac) to choose more than one.")
MAX_ATTACHMENTS = 10


class BestPracticeForm(TranslationsFormMixin, SingleLineModelForm):
    """What a cluster manager fills in; sectors and S3 areas are stored together as `terms`."""

    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Term.objects.filter(vocabulary__in=SECTOR_VOCABULARIES),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=CTRL_HELP,
    )
    s3_areas = forms.ModelMultipleChoiceField(
        label=_("S3 EU priority areas"),
        queryset=Term.objects.filter(vocabulary=Vocabulary.S3_PRIORITY_AREA).select_related(
            "parent"
        ),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=CTRL_HELP,
    )

    translated_texts = ["summary"]

    class Meta:
        model = BestPractice
        fields = [
            "organisation", "title", "summary", "summary_language", "body", "challenge",
            "approach", "results",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "challenge": forms.Textarea(attrs={"rows": 5}),
            "approach": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "organisation": _("Organisation"),
            "title": _("Title"),
            "summary": _("Summary"),
        }
        help_texts = {
            "body": RICH_TEXT_HELP,
            "challenge": format_lazy("{} {}", _("What problem did you face?"), RICH_TEXT_HELP),
            "approach": format_lazy("{} {}", _("What did you do about it?"), RICH_TEXT_HELP),
            "results": format_lazy(
                "{} {}", _("What changed, with numbers where you have them."), RICH_TEXT_HELP
            ),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        if self.instance.pk:
            chosen = [term.pk for term in self.instance.terms.all()]
            self.fields["sectors"].initial = chosen
            self.fields["s3_areas"].initial = chosen

    def _save_m2m(self):
        super()._save_m2m()
        terms = [*self.cleaned_data["sectors"], *self.cleaned_data["s3_areas"]]
        self.instance.terms.set(terms)


class AttachmentForm(SingleLineModelForm):
    class Meta:
        model = BestPracticeAttachment
        fields = ["file"]
        labels = {"file": _("Attachment")}
        help_texts = {"file": ""}  # the fieldset explains the accepted types once

    def clean_file(self):
        """Check the content now, naming the file: the browser won't show it again."""
        upload = self.cleaned_data["file"]
        if isinstance(upload, UploadedFile):  # not the stored file of an existing row
            try:
                check_upload(upload)
            except ValidationError as error:
                name = safe_filename(upload.name)
                raise ValidationError(
                    [f"{name}: {message}" for message in error.messages]
                ) from None
        return upload


AttachmentFormSet = inlineformset_factory(
    BestPractice,
    BestPracticeAttachment,
    form=AttachmentForm,
    extra=3,
    max_num=MAX_ATTACHMENTS,
    validate_max=True,
    can_delete=True,
)

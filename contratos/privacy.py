"""What contratos holds about a person: their social contracts and who signed them."""

from contratos.models import ContractSigner, SocialContract
from reinsercion.extensions import SubjectSection, rows_of


def subject_sections(person, cases):
    contracts = SocialContract.objects.filter(case__in=cases)
    yield SubjectSection(
        "contracts",
        "Contratos sociales",
        rows_of(contracts.select_related("case", "template_version", "signing_staff")),
    )
    yield SubjectSection(
        "contract_signers",
        "Firmantes de los contratos",
        rows_of(
            ContractSigner.objects.filter(contract__in=contracts).select_related("contract"),
            exclude=["signature"],
        ),
    )
